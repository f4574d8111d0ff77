"""Issue 25 item 4: every setting of every kind has a label and a plain-words help line in the
facilitator's language, method words link to the glossary, the statements form speaks of
statements (not the board's cards), and a setting that applies only with another's value says
so (the form hides it otherwise)."""

import json
import re

import pytest
from flask_babel import force_locale

from cafe.activities import registry
from cafe.auth.services import create_facilitator
from cafe.editor.fields import widgets
from cafe.extensions import db
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_setting_has_a_translated_label_and_help_line(app, language):
    with app.test_request_context(), force_locale(language):
        english = {}
        for name, kind in sorted(registry.all_kinds().items()):
            for w in widgets(kind, {}):
                assert w.label and w.help, f"{name}.{w.name} has no label or help line"
                english[(name, w.name)] = (w.label, w.help)
    if language == "en":
        return
    with app.test_request_context(), force_locale("en"):
        english = {(n, w.name): (w.label, w.help) for n, k in registry.all_kinds().items()
                   for w in widgets(k, {})}
    with app.test_request_context(), force_locale(language):
        for name, kind in registry.all_kinds().items():
            for w in widgets(kind, {}):
                assert (w.label, w.help)[1] != english[(name, w.name)][1], \
                    f"{name}.{w.name}: the help line is not translated into {language}"
                assert w.label != english[(name, w.name)][0], \
                    f"{name}.{w.name}: the label is not translated into {language}"


def test_glossary_links_and_conditions_name_what_exists(app, client):
    glossary = client.get("/glossary").get_data(as_text=True)
    anchors = set(re.findall(r'id="([a-z-]+)"', glossary))
    with app.test_request_context():
        forms = {name: {w.name: w for w in widgets(kind, {})}
                 for name, kind in registry.all_kinds().items()}
    for name, fields in forms.items():
        for w in fields.values():
            if w.glossary:
                assert w.glossary in anchors, f"{name}.{w.name} links to #{w.glossary}"
            for other, values in w.when.items():
                assert other in fields, f"{name}.{w.name} depends on an unknown {other}"
                allowed = dict(fields[other].options) or {True: 1, False: 0}
                assert all(v in allowed for v in values), (name, w.name, values)


def test_the_statements_form_speaks_of_statements(app, client, login):
    nora = create_facilitator("nora", FACILITATOR_PASSWORD, "nl")
    session = create_session(nora, "Buurt", "nl")
    db.session.commit()
    page = login(client, "nora").get(f"/console/sessions/{session.id}/agenda/new/statements"
                                     ).get_data(as_text=True)
    with app.test_request_context(), force_locale("nl"):
        board = {w.name: w.label for w in widgets(registry.get("board"), {})}
        vote = {w.name: w.label for w in widgets(registry.get("vote"), {})}
    for label in (board["premoderation"], vote["source"], board["max_length"]):
        assert label not in page, f"the statements form borrows {label!r}"
    assert "stelling" in page.lower()


def test_a_setting_that_depends_on_another_carries_its_condition(app, client, login,
                                                                 facilitator):
    session = create_session(facilitator, "Buurt", "nl")
    db.session.commit()
    page = login(client).get(f"/console/sessions/{session.id}/agenda/new/canvas"
                             ).get_data(as_text=True)
    conditions = {name: json.loads(when) for name, when in re.findall(
        r'id="field-(\w+)" data-when=\'([^\']+)\'', page)}
    assert conditions["groups"] == {"scope": ["groups"]}
    assert conditions["tables"] == {"scope": ["table"]}
    assert "scope" not in conditions and "template" not in conditions
    assert 'id="help-groups"' in page and 'aria-describedby="help-groups"' in page
    assert "/glossary#theory-of-change" in page
    assert "js/editor-form.js" in page
