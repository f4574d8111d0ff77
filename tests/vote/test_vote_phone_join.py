"""Issue 31: phones joining or waking during a vote on 2,500 cards.

Each phone that connects gets the vote's whole list of items. Those are read and written as
JSON once per version of the board, not once per phone, and no phone's view ranks every card
(its leading rows come from the ballots). What each phone shows is still exactly the visible
cards, the leading rows and its own ballot."""

from sqlalchemy import update

from cafe.activities.board.models import Card
from cafe.domain import tally
from cafe.extensions import db
from cafe.live import wire
from tests.support.factories import received
from tests.support.votes import cast
from tests.vote.test_vote_patch_size import _fill

CARDS = 2500


def _spy(monkeypatch, module, name, calls: list):
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)


def test_phones_joining_a_vote_on_2500_cards_share_one_list(make_vote, room, sio, join,
                                                             monkeypatch):
    session, vote, _ = make_vote(cards=(), reveal="live", dots=3)
    ids = _fill(session, vote.id - 1, CARDS)
    hidden = ids[5:8]
    db.session.execute(update(Card).where(Card.id.in_(hidden)).values(status="hidden"))
    db.session.commit()
    visible = [i for i in ids if i not in hidden]
    r = room(session, vote, open_it=False)
    encoded, ranked = [], []
    _spy(monkeypatch, wire.Encoded, "of", encoded)
    _spy(monkeypatch, tally, "tally", ranked)
    assert r.command("activity:open")["ok"]
    opened_ranked = len(ranked)  # the console's and the projector's results

    def connect(token):
        phone = sio(session.code, token=token)
        return phone, received(phone, "state")[0]

    phones = []
    for n in range(6):
        token = join(session.code)
        phone, state = connect(token)
        assert cast(phone, vote, allocation={visible[n]: 1, visible[0]: 1})["ok"]
        phones.append((token, phone, state))
    # The first phone sleeps (its connection gone) and wakes with the same token.
    token, first, _ = phones[0]
    first.disconnect()
    _, woken = connect(token)

    data = woken["activities"][str(vote.id)]["data"]
    items = data["items"]
    assert [item["id"] for item in items] == visible
    assert items[9] == {"id": visible[9], "text": "Kaart 12: meer bankjes, een buurtmoestuin "
                        "en licht in het park", "type": "need", "building_block": None,
                        "theme_id": None}
    assert data["voters"] == 6
    top = [(row["id"], row["dots"], row["rank"]) for row in data["results"]["ranking"][:2]]
    assert top == [(visible[0], 6, 1), (visible[1], 1, 2)]
    assert data["results"]["rows"] == len(visible)
    assert woken["private"][str(vote.id)]["allocation"] == {str(visible[0]): 1}
    assert woken["private"][str(vote.id)]["remaining"] == 2
    # One list written for every phone (at the opening), no ranking of every card per phone.
    assert [len(args[0]) for args in encoded if isinstance(args[0], list)] == [len(visible)]
    assert len(ranked) == opened_ranked

