"""A Delphi study of two panels of four (by e-mail address) with scheduled actions. Arguments:
DATABASE_URL PLAN, PLAN a JSON list of [action, ISO time]."""

import json
from datetime import datetime

from cafe.auth.models import Facilitator
from cafe.delphi import contacts, schedule, services
from cafe.extensions import db
from tests.support.seeds import app_for, arguments

if __name__ == "__main__":
    database_url, plan = arguments()
    with app_for(database_url).app_context():
        owner = db.session.scalar(db.select(Facilitator).where(Facilitator.username == "anna"))
        study = services.create_study(owner, "Delphi Zuid", "nl", ["Partners", "Buurt"],
                                      [("", "Een buurtpunt"), ("", "Een autovrij plein")])
        tokens = []
        for panel in study.panels:
            made = contacts.add_by_address(
                study, panel.id, "nl",
                [f"{panel.name.lower()}{i}@example.org" for i in range(4)], ["nl"])
            tokens += [p.token for p in made]
        study.link_base = "http://127.0.0.1"
        for action, due in json.loads(plan):
            schedule.add(study, action, datetime.fromisoformat(due))
        db.session.commit()
        print(json.dumps({"study": study.id, "tokens": tokens}))
