"""A session exported to a new neighbourhood analysis ("Noordwijk", anna's, the findings the
export proposes by default) and its report rendered as Markdown on stdout, by the application's
own export and report code. Arguments: DATABASE_URL SESSION_ID."""

import sys

from cafe.auth.models import Facilitator
from cafe.extensions import db
from cafe.neighbourhoods import export, services
from cafe.reports.build import render, snapshot
from cafe.sessions.models import CafeSession
from tests.support.seeds import app_for, arguments

if __name__ == "__main__":
    database_url, session_id = arguments()
    app = app_for(database_url)
    with app.app_context(), app.test_request_context():
        anna = db.session.scalar(db.select(Facilitator).filter_by(username="anna"))
        hood = services.create(anna, "Noordwijk")
        session = db.session.get(CafeSession, int(session_id))
        candidates = export.session_candidates(session)
        export.apply(hood, f"s{session.id}", candidates,
                     {c["key"]: c["text"] for c in candidates if c["default"]})
        db.session.commit()
        sys.stdout.write(render("md", snapshot(hood, "en")).decode())
