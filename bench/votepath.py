"""The server's own cost of one vote, in process (no network, no phones): CPU ms per vote.

`python -m bench.votepath [--phones N] [--cards N] [--votes N] [--profile]`. It drives the
real event pipeline (validate, replay check, service, commit, broadcast) through
Flask-SocketIO's test clients on SQLite, with the coalescing of the real server, so the number
is what one core spends per vote before any networking; `make bench` reports it as "vote cpu".
"""

import argparse
import cProfile
import os
import pstats
import tempfile
import time
import uuid
from pathlib import Path


def build(phones: int, cards: int, workdir: Path, database: str | None = None):
    import os

    os.environ["CAFE_INSTANCE_PATH"] = str(workdir / "instance")
    from cafe import create_app
    from cafe.activities import registry
    from cafe.activities.board.models import Card
    from cafe.auth.services import create_facilitator
    from cafe.extensions import db, socketio
    from cafe.participants.services import join
    from cafe.sessions.plans import available_plans, load_plan
    from cafe.sessions.services import create_session, set_status

    app = create_app({
        "ASYNC_MODE": "threading",
        "DATABASE_URL": database or f"sqlite:///{workdir / 'votes.db'}",
        "RATELIMIT_ENABLED": False, "SECRET_KEY": "votepath",
    })
    with app.app_context():
        db.create_all()
        user = create_facilitator("bench", "bench horse battery staple", "en")
        plan = load_plan(available_plans()["priorities"], registry.all_kinds())
        session = create_session(user, plan.title, "en", plan)
        db.session.commit()  # services flush; the caller commits
        board = next(a for a in session.activities if a.kind == "board")
        vote = next(a for a in session.activities if a.kind == "vote")
        for n in range(cards):
            db.session.add(Card(activity_id=board.id, session_id=session.id,
                                text=f"Meer groen en bankjes in de buurt {n}", type="need"))
        tokens = []
        for n in range(phones):
            _p, token, _c = join(session, name=f"Phone {n}", language="en")
            tokens.append(token)
        set_status(vote, "open")
        vote.settings = {**vote.settings, "reveal": "live"}
        db.session.commit()
        code, key, vote_id = session.code, session.projector_key, vote.id
        items = [c.id for c in db.session.query(Card).filter_by(activity_id=board.id)]
    clients = []
    with app.app_context():
        projector = socketio.test_client(app, auth={"session": code, "view": "projector",
                                                    "key": key})
        for token in tokens:
            clients.append(socketio.test_client(
                app, auth={"session": code, "view": "phone", "token": token}))
    return app, projector, clients, vote_id, items


def run(phones=1000, cards=200, votes=1000, profile=False, callers=(), database=None) -> dict:
    from sqlalchemy import event

    from cafe.extensions import db
    from cafe.live.runtime import live

    workdir = Path(tempfile.mkdtemp(prefix="cafe-votepath-"))
    app, projector, clients, vote_id, items = build(phones, cards, workdir, database)
    statements = []
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute",
                 lambda *args, **kw: statements.append(args[2].split(None, 1)[0]))
    event.listen(engine, "commit", lambda conn: statements.append("COMMIT"))
    # On PostgreSQL a transaction's start and a rollback are round trips of their own.
    event.listen(engine, "begin", lambda conn: statements.append("BEGIN"))
    event.listen(engine, "rollback", lambda conn: statements.append("ROLLBACK"))
    # The real server's coalescing: screens at most every SCREEN_UPDATE_INTERVAL; phones are
    # left to the flusher, which the test clients do not run (as if the interval never ends).
    live(app).screen_interval = app.config["SCREEN_UPDATE_INTERVAL"]
    app.config["PHONE_UPDATE_INTERVAL"] = 1.0
    profiler = cProfile.Profile() if profile else None
    started_cpu, started = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    failed = 0
    for n in range(votes):
        client = clients[n % len(clients)]
        dots = 1 + (n // len(clients)) % 3
        allocation = {items[(n * 7 + k * 13) % len(items)]: 1 for k in range(dots)}
        with app.app_context():
            ack = client.emit("vote:cast", {"cid": uuid.uuid4().hex, "activity": vote_id,
                                            "allocation": allocation}, callback=True)
        failed += not (isinstance(ack, dict) and ack.get("ok"))
        for c in (client, projector):
            c.get_received()  # the test client keeps everything; don't let it pile up
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    result = {"votes": votes, "failed": failed, "cpu_ms_per_vote": round(cpu / votes * 1000, 2),
              "wall_ms_per_vote": round(wall / votes * 1000, 2), "phones": phones,
              "cards": cards,
              "round_trips_per_vote": round(len(statements) / votes, 2),
              "kinds": {k: round(statements.count(k) / votes, 2) for k in set(statements)}}
    if profiler:
        stats = pstats.Stats(profiler)
        result["calls_per_vote"] = round(stats.total_calls / votes)
        stats.sort_stats(os.environ.get("VOTEPATH_SORT", "cumulative")).print_stats(45)
        for pattern in callers:
            stats.print_callers(pattern)
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.votepath", description=__doc__)
    p.add_argument("--phones", type=int, default=300)
    p.add_argument("--cards", type=int, default=200)
    p.add_argument("--votes", type=int, default=1000)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--database", default=None,
                   help="a database URL (default: a new SQLite file), e.g. an empty "
                        "postgresql+psycopg://postgres@127.0.0.1/votepath")
    p.add_argument("--callers", action="append", default=[],
                   help="with --profile: who calls functions matching this pattern")
    args = p.parse_args(argv)
    print(run(args.phones, args.cards, args.votes, args.profile or bool(args.callers),
              args.callers, args.database))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
