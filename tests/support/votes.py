"""A vote room for the tests: a session with a board and a vote, console, projector, phones.

Fixtures `make_vote` and `room` are registered in tests/conftest.py.
"""

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.activities.vote.models import Vote
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session
from tests.support.factories import cid, received


@pytest.fixture
def make_vote(facilitator):
    """A session with a board (cards given by status) and a vote on it."""

    def _make(cards=("visible",) * 4, title="Prio", **settings):
        session = create_session(facilitator, title, "en")
        db.session.commit()  # services flush; the caller commits
        board = Activity(position=0, kind="board", title="Waar brandt het?", status="closed")
        vote = Activity(position=1, kind="vote", title="Kies",
                        settings=registry.get("vote").validate_settings(settings))
        session.activities.extend([board, vote])
        db.session.flush()
        made = []
        for n, status in enumerate(cards):
            card = Card(activity_id=board.id, session_id=session.id, text=f"Kaart {n}",
                        type="need" if n % 2 == 0 else "talent", status=status)
            db.session.add(card)
            made.append(card)
        db.session.commit()
        return session, vote, [c.id for c in made]

    return _make


@pytest.fixture
def room(sio, join, client, login):
    """The console, projector and a way to add phones for one session; the vote opened."""

    class Room:
        def __init__(self, session, vote, open_it=True):
            self.session, self.vote = session, vote
            self.console = sio(session.code, view="console", flask_client=login(client))
            self.projector = sio(session.code, view="projector", key=session.projector_key)
            if open_it:
                assert self.command("activity:open")["ok"]

        def command(self, event, **extra):
            return self.console.emit(event, {"cid": cid(f"c{next_id()}"),
                                             "activity": self.vote.id, **extra}, callback=True)

        def phone(self, role="resident"):
            phone = sio(self.session.code, token=join(self.session.code, role=role))
            state = received(phone, "state")[0]
            phone.id = state["me"]["id"]
            phone.latest = (state["activities"].get(str(self.vote.id)) or {}).get("data")
            return phone

        def last_view(self, client):
            """The vote as this client shows it: the newest whole view (at connecting or
            since) with the tally patches after it applied, as cafe.js does. Draining."""
            for message in client.get_received():
                name, data = message["name"], message["args"][0]
                if name == "state":
                    view = data["activities"].get(str(self.vote.id))
                    if view is not None:
                        client.latest = view["data"]
                elif name == "activity" and data["id"] == self.vote.id:
                    client.latest = data["data"]
                elif name == "tally" and data["id"] == self.vote.id:
                    client.latest = {**client.latest, **data["data"]}
            return client.latest

    counter = iter(range(10**6))

    def next_id():
        return next(counter)

    return Room


def cast(phone, vote, cid_=None, **payload):
    return phone.emit("vote:cast", {"cid": cid_ or cid(f"v{id(payload)}{len(str(payload))}"),
                                    "activity": vote.id, **payload}, callback=True)


def stored(vote):
    db.session.expire_all()
    return sorted((v.participant_id, v.item_id, v.dots, v.position, v.importance, v.urgency)
                  for v in db.session.scalars(select(Vote).where(Vote.activity_id == vote.id)))
