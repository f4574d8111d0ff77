"""What the role check and the action log add to a console event.

`python -m bench.console_roles [N]`: N moderation events (hide/show a card) from a console
through the Socket.IO test client, on SQLite, with the check and the log as shipped, then with
both switched off; prints the median time per event of each. Not a load test: one console.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from cafe import create_app
from cafe.activities import registry
from cafe.auth.services import create_facilitator
from cafe.extensions import db, socketio
from cafe.live.runtime import live
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from cafe.team import log, permissions


def _timed(console, card_id: int, n: int, prefix: str) -> list[float]:
    took = []
    for i in range(n):
        event = "card:hide" if i % 2 == 0 else "card:show"
        started = time.perf_counter()
        answer = console.emit(event, {"cid": f"{prefix}-{i:06d}", "card": card_id},
                              callback=True)
        took.append(time.perf_counter() - started)
        assert answer["ok"], answer
    return took


def main(n: int = 400) -> None:
    folder = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{folder / 'roles.db'}",
                      "PHONE_UPDATE_INTERVAL": 0, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        user = create_facilitator("anna", "a long password", "en")
        plan = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
        session = create_session(user, plan.title, "en", plan)
        db.session.commit()  # services flush; the caller commits
        board = session.activities[1]
        http = app.test_client()
        http.post("/login", data={"username": "anna", "password": "a long password"})
        console = socketio.test_client(app, auth={"session": session.code, "view": "console"},
                                       flask_test_client=http)
        assert console.emit("activity:open", {"cid": "open-000", "activity": board.id},
                            callback=True)["ok"]
        added = console.emit("card:add", {"cid": "add-0000", "activity": board.id,
                                          "type": "need", "text": "Te weinig bankjes"},
                             callback=True)
        card_id = added["card"]
        _timed(console, card_id, 50, "warm")
        # Alternating blocks, so a database that grows (idempotency rows, log lines) weighs on
        # both alike.
        runtime = live(app)
        shipped, bare = [], []
        for block in range(8):
            shipped += _timed(console, card_id, n // 8, f"with{block}")
            runtime.guards.remove(permissions.authorise_event)
            runtime.recorders.remove(log.record_event)
            try:
                bare += _timed(console, card_id, n // 8, f"without{block}")
            finally:
                runtime.guards.insert(0, permissions.authorise_event)
                runtime.recorders.append(log.record_event)
        ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(f"{n} console events; median per event: with role check and log "
              f"{ms(shipped):.2f} ms, without {ms(bare):.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
