"""A Delphi study whose first round is open, with six panelists by e-mail address per panel and
language (Dutch, French). Arguments: DATABASE_URL STATEMENTS FRENCH, STATEMENTS a JSON list of
[theme, Dutch], FRENCH the French of each."""

import json

from cafe.auth.models import Facilitator
from cafe.delphi import contacts, services
from cafe.extensions import db
from tests.support.seeds import app_for, arguments

if __name__ == "__main__":
    database_url, statements, french = arguments()
    with app_for(database_url).app_context():
        owner = db.session.scalar(db.select(Facilitator).where(Facilitator.username == "anna"))
        study = services.create_study(owner, "Delphi Noord", "nl",
                                      ["Projectpartners", "Lokale actoren"],
                                      [tuple(s) for s in json.loads(statements)])
        for statement, translation in zip(study.statements, json.loads(french), strict=True):
            statement.translations = {"fr": translation}
        out = []
        for n, panel in enumerate(study.panels):
            for lang in ("nl", "fr"):
                addresses = [f"panelist{n}{lang}{i:02d}@example.org" for i in range(6)]
                made = contacts.add_by_address(study, panel.id, lang, addresses,
                                               ["nl", "fr", "en"])
                out += [{"token": p.token, "language": lang, "email": address}
                        for p, address in zip(made, addresses, strict=True)]
        services.open_round(study)
        db.session.commit()
        print(json.dumps({"study": study.id, "panelists": out,
                          "statements": [s.id for s in study.statements]}))
