"""Many participants in a session at once, and optionally a full board and a big neighbourhood
analysis: entering them one by one over HTTP is not what the tests using this are about.
Arguments: DATABASE_URL SPEC, SPEC a JSON object: session, people, roles (cycled; null for
none), and for the board and analysis: board, cards, findings, stakeholders, words, seed."""

import json
import random
import secrets

from cafe.activities.board.models import Card
from cafe.auth.models import Facilitator
from cafe.extensions import db
from cafe.neighbourhoods import services
from cafe.participants.models import Participant
from cafe.participants.services import hash_token
from tests.support.seeds import app_for, arguments


def fill(spec: dict) -> dict:
    roles = spec["roles"]
    people = [Participant(session_id=spec["session"], name=f"Buur {n}", role=roles[n % len(roles)],
                          token_hash=hash_token(secrets.token_urlsafe(16)))
              for n in range(spec["people"])]
    db.session.add_all(people)
    db.session.flush()
    if "board" not in spec:
        db.session.commit()
        return {}
    words, rng = spec["words"], random.Random(spec["seed"])

    def sentence(n):
        return " ".join(rng.choice(words) for _ in range(n))

    db.session.add_all(Card(activity_id=spec["board"], session_id=spec["session"],
                            participant_id=people[n].id, type=("need", "talent")[n % 2],
                            text=sentence(12), status="visible")
                       for n in range(spec["cards"]))
    anna = db.session.query(Facilitator).filter_by(username="anna").one()
    hood = services.create(anna, "Rabot", "Gent", sentence(60))
    for n in range(spec["findings"]):
        services.add_finding(hood, ("experience", "need", "talent", "policy", "question")[n % 5],
                             sentence(25))
    for n in range(spec["stakeholders"]):
        services.add_stakeholder(hood, f"Partner {n}", "vzw", "consult")
    db.session.commit()
    return {"hood": hood.id}


if __name__ == "__main__":
    database_url, spec = arguments()
    with app_for(database_url).app_context():
        print(json.dumps(fill(json.loads(spec))))
