"""A Policy Delphi's panelists answering through their pages (the `study` fixture is in
tests/support/fixtures/delphi.py)."""

import random

from cafe.delphi.models import Panelist
from cafe.extensions import db

STATEMENTS = [("Intervention", "Een buurtpunt in het dienstencentrum"),
              ("Context", "Het plein autovrij maken"),
              ("Actors", "Vrijwilligers bellen wekelijks alleenwonende ouderen")]


def tokens(study):
    return {p.token: p for p in db.session.scalars(
        db.select(Panelist).where(Panelist.study_id == study.id))}


def answer(client, token, statement, ratings=None, no_opinion=False, argument="", cid=None):
    data = {"statement": statement, "argument": argument,
            "cid": cid or f"c{random.random():.12f}"[2:]}
    data.update({f"rating-{k}": v for k, v in (ratings or {}).items()})
    if no_opinion:
        data["no_opinion"] = "1"
    return client.post(f"/d/{token}", data=data)
