"""Issue 25 items 5 and 7: "Save as plan" and "Export" in the editor; a plan file is named
after its title; importing a plan whose title one of my plans has asks replace, keep both or
cancel; an import's error stands beside the import form."""

import pytest

from cafe.auth.models import Facilitator
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.library.models import SavedPlan
from cafe.library.services import file_name
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD

PLAN = ('title = "Wereldcafé: samen verder"\nlanguage = "nl"\n[[activity]]\nkind = "info"\n'
        'title = "Welkom"\nprompt = "{text}"\n')


@pytest.mark.parametrize("title, name", [
    ("Wereldcafé: samen verder", "wereldcafe-samen-verder.toml"),
    ("  Één  avond — Noord/Zuid!  ", "een-avond-noord-zuid.toml"),
    ("مقهى الحي", "plan.toml"),
    ("x" * 200, "x" * 60 + ".toml"),
])
def test_a_plan_file_is_named_after_its_title(title, name):
    assert file_name(title) == name


@pytest.fixture
def els(app, login):
    client = login(app.test_client(), "els") if create_facilitator(
        "els", FACILITATOR_PASSWORD, "nl") else None
    return client


def _plans():
    db.session.expire_all()
    return [(p.title, p.content["activity"][0]["prompt"])
            for p in db.session.scalars(db.select(SavedPlan).order_by(SavedPlan.id))]


def test_saving_and_exporting_from_the_editor(app, els):
    owner = db.session.scalar(db.select(Facilitator).where(Facilitator.username == "els"))
    session = create_session(owner, "Wereldcafé: samen verder", "nl")
    db.session.commit()
    page = els.get(f"/console/sessions/{session.id}/agenda").get_data(as_text=True)
    assert 'id="save-plan"' in page and 'id="export-plan"' in page
    exported = els.get(f"/console/sessions/{session.id}/plan.toml")
    assert exported.headers["Content-Disposition"] == \
        'attachment; filename="wereldcafe-samen-verder.toml"'
    refused = els.post(f"/console/sessions/{session.id}/save-plan", data={"title": "x"})
    assert refused.status_code == 302 and refused.location.endswith("/agenda#save-plan")


def test_an_import_with_a_title_i_have_asks_and_then_replaces_keeps_or_cancels(app, els):
    assert els.post("/console/plans/import",
                    data={"text": PLAN.format(text="eerste")}).status_code == 302
    asked = els.post("/console/plans/import", data={"text": PLAN.format(text="tweede")})
    assert asked.status_code == 409
    page = asked.get_data(as_text=True)
    assert "Wereldcafé: samen verder" in page and 'value="replace"' in page
    assert 'value="keep"' in page and 'value="cancel"' in page
    assert "tweede" in page  # the pasted text is kept for the choice
    assert _plans() == [("Wereldcafé: samen verder", "eerste")]

    cancelled = els.post("/console/plans/import",
                         data={"text": PLAN.format(text="tweede"), "same_title": "cancel"})
    assert cancelled.status_code == 302
    assert _plans() == [("Wereldcafé: samen verder", "eerste")]

    kept = els.post("/console/plans/import",
                    data={"text": PLAN.format(text="tweede"), "same_title": "keep"})
    assert kept.status_code == 302
    assert _plans() == [("Wereldcafé: samen verder", "eerste"),
                        ("Wereldcafé: samen verder (2)", "tweede")]

    replaced = els.post("/console/plans/import",
                        data={"text": PLAN.format(text="derde"), "same_title": "replace"})
    assert replaced.status_code == 302
    assert _plans() == [("Wereldcafé: samen verder", "derde"),
                        ("Wereldcafé: samen verder (2)", "tweede")]


def test_an_import_error_stands_beside_the_form(app, els):
    response = els.post("/console/plans/import", data={"text": 'title = "Kapot\n'})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    form = page[page.index('id="import-form"'):]
    assert 'id="import-error"' in form and "regel 1" in form
    assert 'aria-describedby="import-error"' in form
    assert 'class="flash' not in page[:page.index('id="import-form"')]
