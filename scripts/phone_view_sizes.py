"""Bytes of each phone view of a plan's agenda, with and without the texts in other languages
(what multilingual content costs every phone on each whole update).

    .venv/bin/python scripts/phone_view_sizes.py [plan]   # default: kickoff-buurtanalyse
"""

import json
import os
import sys
import tempfile

os.environ.setdefault("CAFE_INSTANCE_PATH", tempfile.mkdtemp(prefix="cafe-sizes-"))

from cafe import create_app  # noqa: E402
from cafe.activities import registry  # noqa: E402
from cafe.auth.services import create_facilitator  # noqa: E402
from cafe.extensions import db  # noqa: E402
from cafe.sessions.plans import available_plans, load_plan  # noqa: E402
from cafe.sessions.services import create_session  # noqa: E402
from cafe.sessions.views import activity_view  # noqa: E402


def size(view: dict) -> int:
    return len(json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode())


def main(name: str) -> None:
    app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": "sqlite://", "TESTING": True})
    with app.app_context():
        db.create_all()
        user = create_facilitator("sizes", "correct horse battery", "nl")
        plan = load_plan(available_plans()[name], registry.all_kinds())
        session = create_session(user, plan.title, plan.language, plan)
        db.session.commit()  # services flush; the caller commits
        for activity in session.activities:
            full = size(activity_view(activity, "phone"))
            texts, activity.texts = activity.texts, None
            bare = size(activity_view(activity, "phone"))
            activity.texts = texts
            print(f"{activity.kind:10} {bare:6} B  with texts {full:6} B  (+{full - bare})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "kickoff-buurtanalyse")
