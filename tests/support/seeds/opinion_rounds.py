"""Two sessions showing a statements round that 60 neighbours voted on in three camps: "big"
(the camps agree on one statement in four) and "split" (they agree on two statements only and
the first two camps split on all the others). Arguments: DATABASE_URL PASSWORD STATEMENTS, the
statements a JSON list. Makes the facilitator anna with PASSWORD."""

import json
import random

from flask_migrate import upgrade

from cafe.activities.statements import services as opinions
from cafe.activities.statements.queries import statements as opinion_statements
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.participants.services import join
from cafe.sessions.services import create_session, set_status
from tests.support.factories import add_activity
from tests.support.seeds import app_for, arguments

rnd = random.Random(60)


def evening(user, agreed, opposed, statements):
    # A session showing a statements round that 60 neighbours voted on in three camps of 25,
    # 20 and 15, nobody on everything. All camps agree on the statements in `agreed`; on the
    # others each camp leans its own way, the first two always opposite ways if `opposed`.
    s = create_session(user, "Buurtcafé: wat vindt de buurt?", "en")
    db.session.commit()  # services flush; the caller commits
    opinion, _ = add_activity(s, "statements", "Wat vindt de buurt?", "",
                              {"statements": statements, "allow_new": False})
    set_status(opinion, "open", keep_open=True)
    db.session.commit()
    voters = [join(s, name=None, role="resident", language="nl", languages=("nl", "fr", "en"),
                   max_name=40)[0].id for _ in range(60)]
    db.session.commit()
    ids = [st.id for st in opinion_statements(opinion)]
    leaning = [[rnd.choice((1, -1)) for _ in ids] for _camp in range(3)]
    if opposed:
        leaning[1] = [-lean for lean in leaning[0]]
    for camp in leaning:
        for m in agreed:
            camp[m] = 1
    for n, pid in enumerate(voters):
        lean_of = leaning[0 if n < 25 else 1 if n < 45 else 2]
        for m, statement in enumerate(ids):
            if rnd.random() < 0.25:
                continue
            value = "agree" if (lean_of[m] == 1) != (rnd.random() < 0.08) else "disagree"
            opinions.vote(opinion, pid, statement, value)
        db.session.commit()
    s.current_activity_id = opinion.id
    db.session.commit()
    return {"code": s.code, "id": s.id, "key": s.projector_key, "activity": opinion.id,
            "statements": len(ids)}



def fill(password: str, statements: list[str]) -> dict:
    upgrade()
    db.create_all()  # tables whose migration is still on another branch
    user = create_facilitator("anna", password, "en")
    # Both lists long: the camps agree on one statement in four. Then a room that agrees on
    # two statements only and splits on all the others.
    return {"big": evening(user, range(0, 60, 4), False, statements),
            "split": evening(user, (0, 1), True, statements)}


if __name__ == "__main__":
    database_url, password, statements = arguments()
    with app_for(database_url).app_context():
        print(json.dumps(fill(password, json.loads(statements))))
