"""Issue 31: one ballot costs the same on a wall of 2,500 cards as on one of 100.

The messages it sends (the phones' tally, the screens' patch) and the SQL statements it runs
are measured at both sizes and must be equal: a tally or a view rebuilt from every card would
grow with the wall. What the screens show afterwards is the full ranking, ranked right."""

from sqlalchemy import insert

from cafe.activities.board.models import Card
from cafe.extensions import db
from tests.support.factories import cid
from tests.support.measure import Work, size


def _fill(session, board_id: int, n: int) -> list[int]:
    db.session.execute(insert(Card), [
        {"activity_id": board_id, "session_id": session.id, "type": "need",
         "text": f"Kaart {i}: meer bankjes, een buurtmoestuin en licht in het park",
         "status": "visible", "entered_by": "participant"}
        for i in range(n)
    ])
    db.session.commit()
    return list(db.session.scalars(
        db.select(Card.id).where(Card.activity_id == board_id).order_by(Card.id)))


def _vote_once(make_vote, room, cards: int):
    """A live dot vote on a board of `cards` cards: two phones voted before; a third phone's
    ballot is measured. Returns the message sizes per screen and phone, and the work."""
    session, vote, _ = make_vote(cards=(), reveal="live", dots=3)
    ids = _fill(session, vote.id - 1, cards)
    r = room(session, vote)
    earlier, other, voter = r.phone(), r.phone("professional"), r.phone()
    for n, (phone, chosen) in enumerate(((earlier, ids[:2]), (other, [ids[1]]))):
        assert phone.emit("vote:cast", {"cid": cid(f"early{cards}-{n}"), "activity": vote.id,
                                        "allocation": {i: 1 for i in chosen}},
                          callback=True)["ok"]
    for client in (r.console, r.projector, earlier):
        r.last_view(client)
    with Work() as work:
        answer = voter.emit("vote:cast", {"cid": cid(f"late{cards}"), "activity": vote.id,
                                          "allocation": {ids[2]: 1, ids[1]: 1}}, callback=True)
    assert answer["ok"], answer
    sizes = {}
    for name, client in (("console", r.console), ("projector", r.projector),
                         ("phone", earlier)):
        got = client.get_received()
        sizes[name] = sorted((m["name"], size(m["args"][0])) for m in got)
        client.get_received = lambda got=got: got  # last_view reads them again
        view = r.last_view(client)
        ranking = view["results"]["ranking"]
        # What the screen shows: ids[1] first with 3 dots, then ids[0] and ids[2] tied at 1,
        # every other card at 0 (phones get the leading rows and the number of rows).
        assert [(row["id"], row["dots"], row["rank"], row["tied"]) for row in ranking[:3]] == [
            (ids[1], 3, 1, False), (ids[0], 1, 2, True), (ids[2], 1, 2, True)]
        assert ranking[3]["dots"] == 0 and ranking[3]["rank"] == 4
        assert view["voters"] == 3
        if name == "phone":
            assert view["results"]["rows"] == cards
        else:
            assert len(ranking) == cards
    console = r.last_view(r.console)
    assert console["results"]["voters_by_role"] == {"professional": 1, "resident": 2}
    assert [row["dots"] for row in console["results"]["by_role"]["resident"][:3]] == [2, 1, 1]
    return sizes, work


def test_one_ballot_costs_the_same_on_a_wall_of_2500_as_of_100(make_vote, room):
    small, small_work = _vote_once(make_vote, room, 100)
    large, large_work = _vote_once(make_vote, room, 2500)
    assert [[m for m, _ in small[k]] for k in small] == [[m for m, _ in large[k]] for k in large]
    # Sizes differ by the digits of ids and counts at most (a phone's 20 leading rows: 20 ids
    # one digit longer); a whole view of 2,500 rows would be ~25 times the small one.
    for audience in small:
        for (_, a), (_, b) in zip(small[audience], large[audience], strict=True):
            assert abs(a - b) <= 40, (audience, small[audience], large[audience])
    # The screens get a patch, not the whole vote; phones their tally.
    assert {m for m, _ in large["console"] + large["projector"]} == {"patch"}
    assert [m for m, _ in large["phone"]] == ["tally"]
    assert large_work.statements == small_work.statements
