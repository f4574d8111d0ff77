"""Issue 25 item 3: a participant's role is shown by its name in the reader's language, from one
table (cafe/participants/roles.py), never as its stored code ("local_government")."""

import json
import re
from pathlib import Path

from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.participants.roles import ROLE_LABELS
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _messages(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="cafe-messages">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def test_scripts_get_every_role_name_in_the_readers_language(app, client, login):
    nl = create_facilitator("nora", FACILITATOR_PASSWORD, "nl")
    session = create_session(nl, "Buurtcafé", "nl")
    db.session.commit()
    page = login(client, "nora").get(f"/console/sessions/{session.id}").get_data(as_text=True)
    messages = _messages(page)
    assert set(ROLE_LABELS) <= {key.removeprefix("role_") for key in messages}
    assert messages["role_local_government"] == "Lokaal bestuur"
    assert messages["role_resident"] == "Bewoner"


def test_no_script_shows_a_role_code_as_it_is():
    scripts = [*ROOT.glob("static/js/*.js"), *ROOT.glob("cafe/activities/*/static/*.js")]
    assert scripts
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        # A code joined to a text, unless it builds a message key: Cafe.t("role_" + p.role).
        raw = re.findall(r'(?<!role_")\s\+\s*\w+\.role\b(?!\s*[=!]=)', text)
        assert not raw, f"{path.name} shows a role code: {raw}"
