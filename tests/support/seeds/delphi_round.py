"""A Delphi study with one panel and its first round open: one panelist each in Dutch, French
and English, statements translated. Arguments: DATABASE_URL ROWS, ROWS a JSON list of
[theme, Dutch, French, English]."""

import json

from cafe.auth.models import Facilitator
from cafe.delphi import services
from cafe.extensions import db
from tests.support.seeds import app_for, arguments

if __name__ == "__main__":
    database_url, rows = arguments()
    rows = json.loads(rows)
    with app_for(database_url).app_context():
        owner = db.session.scalar(db.select(Facilitator))
        study = services.create_study(owner, "Delphi Noord", "nl", ["Partners"],
                                      [(theme, nl) for theme, nl, fr, en in rows])
        for statement, (_theme, _nl, fr, en) in zip(study.statements, rows, strict=True):
            statement.translations = {"fr": fr, "en": en}
        tokens = {}
        for lang in ("nl", "fr", "en"):
            tokens[lang] = services.add_panelists(study, study.panels[0].id, 1, lang)[0].token
        services.open_round(study)
        db.session.commit()
        print(json.dumps({"tokens": tokens, "statements": [s.id for s in study.statements],
                          "study": study.id}))
