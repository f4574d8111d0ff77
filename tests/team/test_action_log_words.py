"""Issue 27 item 6: the action log records who did what to which item, never a participant's
words or name. A card entered for an assisted participant and then withdrawn leaves no text in
the log; adding an assisted participant over Socket.IO does not log their name."""

import json

from sqlalchemy import select

from cafe.activities.board.models import Card
from cafe.extensions import db
from cafe.team.log import which
from cafe.team.models import ConsoleAction
from tests.support.factories import cid

NAME = "Wilma Geheimnaam"
WORDS = "Geheime zorg over de buurvrouw 42"


def test_withdrawn_words_and_names_never_reach_the_log(app, cafe_session, sio, login, client):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    board = next(a for a in cafe_session.activities if a.kind == "board")
    assert console.emit("activity:open", {"cid": cid("open"), "activity": board.id},
                        callback=True)["ok"]
    added = console.emit("participant:add_assisted", {"cid": cid("who"), "name": NAME},
                         callback=True)
    assert added["ok"], added
    person = added["participant"]["id"]
    card = console.emit("card:add", {"cid": cid("card"), "activity": board.id, "type": "need",
                                     "text": WORDS, "on_behalf": person}, callback=True)
    assert card["ok"], card
    withdrawn = console.emit("me:withdraw", {"cid": cid("gone"), "on_behalf": person},
                             callback=True)
    assert withdrawn["ok"], withdrawn
    db.session.expire_all()
    assert db.session.scalars(select(Card.text).where(Card.text == WORDS)).all() == []
    rows = db.session.scalars(select(ConsoleAction).where(
        ConsoleAction.session_id == cafe_session.id).order_by(ConsoleAction.id)).all()
    # Who did what to which item is all there ...
    assert [r.action for r in rows] == ["activity:open", "participant:add_assisted",
                                        "card:add", "me:withdraw"]
    assert rows[2].target == {"activity": board.id, "on_behalf": person}
    # ... and nothing anyone said or is called.
    text = json.dumps([[r.action, r.target] for r in rows])
    assert NAME not in text and "Geheime" not in text and "need" not in text


def test_only_ids_and_numbers_are_kept():
    assert which({"card": 3, "ids": [1, 2], "text": "x", "name": "y", "ok": True,
                  "tags": ["a"], "nothing": None, "empty": []}) == {
        "card": 3, "ids": [1, 2], "ok": True}
