"""Casting and reading votes in the vote tests (the fixtures `make_vote` and `room` are in
tests/support/fixtures/votes.py)."""

from sqlalchemy import select

from cafe.activities.vote.models import Vote
from cafe.extensions import db
from tests.support.factories import cid


def cast(phone, vote, cid_=None, **payload):
    return phone.emit("vote:cast", {"cid": cid_ or cid(f"v{id(payload)}{len(str(payload))}"),
                                    "activity": vote.id, **payload}, callback=True)


def stored(vote):
    db.session.expire_all()
    return sorted((v.participant_id, v.item_id, v.dots, v.position, v.importance, v.urgency)
                  for v in db.session.scalars(select(Vote).where(Vote.activity_id == vote.id)))
