"""Issue 31: one new card costs the same on a wall of 2,500 cards as on one of 100.

The messages it sends (the phones' count, the screens' patch) and the work it does on the
server (SQL statements, rows read) are measured at both sizes and must be equal: a view
rebuilt from every card would grow with the wall."""

from sqlalchemy import insert

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.extensions import db
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.factories import cid, latest_views
from tests.support.measure import Work, size


def _fill(board, n: int) -> None:
    """n cards straight into the table, as if posted earlier in the evening."""
    db.session.execute(insert(Card), [
        {"activity_id": board.id, "session_id": board.session_id, "type": "need",
         "text": f"Kaart {i}: meer bankjes, een buurtmoestuin en licht in het park",
         "status": "visible", "entered_by": "participant"}
        for i in range(n)
    ])
    db.session.commit()


def _post_one(app, facilitator, sio, join, client, login, cards: int, n: int):
    """A burning-platform session whose board holds `cards` cards: one more is posted.
    Returns the sizes of the messages each screen and a phone got, and the server's work."""
    plan = load_plan(available_plans()["burning-platform"], registry.all_kinds())
    session = create_session(facilitator, plan.title, "en", plan)
    board = next(a for a in session.activities if a.kind == "board")
    _fill(board, cards)
    console = sio(session.code, view="console", flask_client=login(client))
    projector = sio(session.code, view="projector", key=session.projector_key)
    assert console.emit("activity:open", {"cid": cid(f"open{n}"), "activity": board.id},
                        callback=True)["ok"]
    phone = sio(session.code, token=join(session.code, name=f"Noor{n}", role="resident"))
    watcher = sio(session.code, token=join(session.code, name=f"Sam{n}", role="resident"))
    for c in (console, projector, phone, watcher):
        latest_views(c, c.__dict__.setdefault("latest", {}))
    with Work() as work:
        answer = phone.emit("card:add", {"cid": cid(f"card{n}"), "activity": board.id,
                                         "type": "need", "text": "Een bankje bij de school"},
                            callback=True)
    assert answer["ok"], answer
    sizes = {}
    for name, c in (("console", console), ("projector", projector), ("phone", watcher)):
        got = c.get_received()
        sizes[name] = sorted((m["name"], size(m["args"][0])) for m in got)
        # What the screen shows afterwards holds every card, the new one last.
        view = latest_views_from(c, got)[board.id]["data"]
        if name != "phone":
            assert len(view["cards"]) == cards + 1
            assert view["cards"][-1]["text"] == "Een bankje bij de school"
        else:
            assert view["count"] == cards + 1
    return sizes, work


def latest_views_from(client, messages):
    """latest_views over messages already taken from the client's queue."""
    client.get_received = lambda: messages
    return latest_views(client, client.__dict__["latest"])


def test_one_card_costs_the_same_on_a_wall_of_2500_as_of_100(app, facilitator, sio, join,
                                                             client, login):
    small, small_work = _post_one(app, facilitator, sio, join, client, login, 100, 1)
    large, large_work = _post_one(app, facilitator, sio, join, client, login, 2500, 2)
    # Every screen and phone got messages of the same kinds; sizes differ by the digits of
    # the numbers in them (ids, counts, versions) at most.
    assert [[m for m, _ in small[k]] for k in small] == [[m for m, _ in large[k]] for k in large]
    for audience in small:
        for (_, a), (_, b) in zip(small[audience], large[audience], strict=True):
            assert abs(a - b) <= 24, (audience, small[audience], large[audience])
    assert "activity" not in [m for m, _ in large["console"] + large["projector"]]
    # The same statements, and the same rows read: nothing walks the wall.
    assert large_work.statements == small_work.statements
    assert large_work.rows == small_work.rows
    # Nor does the database: the counts shown come from the board's counters, not a COUNT of
    # its cards (which took a step per card: 2,500 cards, 25 hundred steps and more).
    assert small_work.steps > 0
    assert large_work.steps <= small_work.steps + 5, (small_work.steps, large_work.steps)
