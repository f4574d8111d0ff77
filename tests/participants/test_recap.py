"""A phone's closing recap: what this participant contributed, counted in the kinds' tables."""

from cafe.activities import registry
from cafe.activities.board.services import add_card
from cafe.activities.vote.models import Vote
from cafe.extensions import db
from tests.support.factories import cid


def test_the_recap_counts_only_this_participants_own_contributions(app, cafe_session, join,
                                                                   sio):
    board, vote = cafe_session.activities[1], cafe_session.activities[2]
    noor = sio(cafe_session.code, token=join(cafe_session.code, name="Noor"))
    ali = sio(cafe_session.code, token=join(cafe_session.code, name="Ali"))
    ids = {}  # names are only how the test tells the two apart
    # Every kind's recap rows, from the registry: a new kind adds its own.
    zero = {key: 0 for kind in registry.all_kinds().values() for key in kind.recap_rows}
    assert {"cards", "votes", "harvest", "canvas"} <= set(zero)
    for client in (noor, ali):
        answer = client.emit("me:recap", {"cid": cid(f"ids-{id(client)}")}, callback=True)
        assert answer["ok"] and answer["counts"] == zero
    from cafe.participants.models import Participant

    for participant in db.session.scalars(db.select(Participant)):
        ids[participant.name] = participant.id
    board.status = "open"
    for n in range(3):
        add_card(board, ids["Noor"], "need", f"Kaartje {n}", None, "participant")
    add_card(board, ids["Ali"], "talent", "Koken", None, "participant")
    db.session.add_all([Vote(activity_id=vote.id, participant_id=ids["Noor"], item_id=i,
                             dots=1) for i in (1, 2)])
    db.session.commit()

    mine = noor.emit("me:recap", {"cid": cid("noor")}, callback=True)
    assert mine["counts"] == {**zero, "cards": 3, "votes": 2}
    theirs = ali.emit("me:recap", {"cid": cid("ali")}, callback=True)
    assert theirs["counts"]["cards"] == 1 and theirs["counts"]["votes"] == 0

    assert noor.emit("me:withdraw", {"cid": cid("gone")}, callback=True)["ok"]
    after = noor.emit("me:recap", {"cid": cid("after")}, callback=True)
    assert after["counts"] == zero
