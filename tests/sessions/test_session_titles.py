"""The session's own title in several languages: written in the editor, read on every phone in
the participant's language (the session's when theirs has none), kept by plan files."""

import tomllib

import pytest

from cafe.activities import registry
from cafe.editor import services
from cafe.extensions import db
from cafe.library.models import SavedPlan
from cafe.sessions.models import CafeSession
from cafe.sessions.plans import available_plans, load_plan, parse_plan
from cafe.sessions.services import create_session
from cafe.sessions.views import session_header
from tests.support.factories import cid, received

NL = "Buurtcafé Noord"
FR = "Café de quartier Nord"


@pytest.fixture
def bilingual(app, facilitator):
    """A Dutch-led session written in Dutch and French, its title in both."""
    session = create_session(facilitator, NL, "nl")
    db.session.commit()  # services flush; the caller commits
    services.set_languages(session, ["nl", "fr"], app.config["LANGUAGES"])
    services.set_title(session, {"nl": NL, "fr": FR})
    services.add(session, "info", {"nl": "Welkom", "fr": "Bienvenue"}, "", {})
    db.session.commit()
    return session


def _fresh(session_id):
    db.session.expire_all()
    return db.session.get(CafeSession, session_id)


# --- the domain -------------------------------------------------------------------------------

def test_the_title_is_the_readers_else_the_sessions(bilingual):
    assert bilingual.title == NL  # lists, the console and the API keep the session's language
    assert bilingual.title_in("fr") == FR
    assert bilingual.title_in("nl") == NL
    assert bilingual.title_in("ar") == NL  # no Arabic version: the session's
    assert bilingual.title_in(None) == NL


def test_a_title_in_one_language_stays_a_plain_string(app, facilitator):
    session = create_session(facilitator, "Alleen Nederlands", "nl")
    db.session.commit()
    assert session.texts is None and session.title_in("fr") == "Alleen Nederlands"


def test_emptying_a_version_removes_it_and_unoffered_languages_keep_theirs(app, bilingual):
    services.set_title(bilingual, {"nl": NL, "fr": ""})
    assert bilingual.title_in("fr") == NL
    services.set_title(bilingual, {"nl": NL, "fr": FR})
    services.set_languages(bilingual, ["nl"], app.config["LANGUAGES"])
    services.set_title(bilingual, {"nl": "Nieuwe titel"})  # French no longer in the form
    db.session.commit()
    assert _fresh(bilingual.id).text("title") == {"nl": "Nieuwe titel", "fr": FR}


# --- the editor -------------------------------------------------------------------------------

def test_the_facilitator_writes_the_title_in_each_content_language(client, login, bilingual):
    login(client)
    page = client.get(f"/console/sessions/{bilingual.id}/agenda").get_data(as_text=True)
    assert f'name="title-nl" lang="nl" dir="auto" value="{NL}"' in page
    assert f'name="title-fr" lang="fr" dir="auto" value="{FR}"' in page
    response = client.post(f"/console/sessions/{bilingual.id}/agenda/title",
                           data={"title-nl": "Wijkcafé  Zuid ", "title-fr": "Café Sud"})
    assert response.status_code == 302
    session = _fresh(bilingual.id)
    assert session.title == "Wijkcafé Zuid" and session.title_in("fr") == "Café Sud"
    assert "The title was saved." in client.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize("form, field, message", [
    ({"title-nl": "  ", "title-fr": "Café Sud"}, "nl", "Veuillez remplir ce champ."),
    ({"title-nl": "Wijkcafé", "title-fr": "x" * 201}, "fr", "Au plus 200 caractères."),
])
def test_bad_titles_are_refused_in_the_facilitators_language_and_nothing_is_lost(
        client, login, bilingual, form, field, message):
    login(client)
    response = client.post(f"/console/sessions/{bilingual.id}/agenda/title?lang=fr", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<p class="field-error" id="err-{field}">{message}</p>' in page
    # What was typed is still in the form; what was stored is unchanged.
    assert f'value="{form["title-fr"]}"' in page
    assert _fresh(bilingual.id).text("title") == {"nl": NL, "fr": FR}


# --- phones -----------------------------------------------------------------------------------

def test_join_and_privacy_pages_show_the_title_in_the_readers_language(client, bilingual):
    french = client.get(f"/j/{bilingual.code}?lang=fr").get_data(as_text=True)
    assert f'<h1 dir="auto">{FR}</h1>' in french and NL not in french
    dutch = client.get(f"/j/{bilingual.code}?lang=nl").get_data(as_text=True)
    assert f'<h1 dir="auto">{NL}</h1>' in dutch and FR not in dutch
    english = client.get(f"/j/{bilingual.code}?lang=en").get_data(as_text=True)
    # No English title: the session's, marked as Dutch (WCAG 3.1.2).
    assert f'<h1 dir="auto" lang="nl">{NL}</h1>' in english
    privacy = client.get(f"/j/{bilingual.code}/privacy?lang=fr").get_data(as_text=True)
    assert f'<p class="lead" dir="auto">{FR}</p>' in privacy


def test_the_phone_header_shows_the_participants_language(client, bilingual):
    joined = client.post(f"/j/{bilingual.code}",
                         data={"language": "fr", "name": "Amélie", "noscript": "1"})
    assert joined.status_code == 302
    page = client.get(f"/s/{bilingual.code}").get_data(as_text=True)
    assert f'<h1 class="phone-title" dir="auto">{FR}</h1>' in page
    assert f"<title>{FR}</title>" in page


def test_state_carries_the_title_in_each_phones_language(sio, join, bilingual, client, login):
    french = sio(bilingual.code, token=join(bilingual.code, language="fr"))
    dutch = sio(bilingual.code, token=join(bilingual.code, language="nl"))
    french_header = received(french, "state")[0]["session"]
    assert french_header["title"] == FR and french_header["title_lang"] == "fr"
    assert received(dutch, "state")[0]["session"]["title"] == NL
    # The one `session` broadcast every phone gets: the session's title, the others beside it.
    console = sio(bilingual.code, view="console", flask_client=login(client))
    first = bilingual.activities[0].id
    assert console.emit("activity:open", {"cid": cid(1), "activity": first}, callback=True)["ok"]
    header = received(french, "session")[-1]
    assert header["title"] == NL and header["titles"] == {"fr": FR}
    assert header["title_lang"] == "nl"  # the language `title` is in, for a phone to mark it


def test_a_title_saved_in_the_editor_reaches_every_open_phone_and_screen(
        sio, join, bilingual, client, login):
    french = sio(bilingual.code, token=join(bilingual.code, language="fr"))
    projector = sio(bilingual.code, view="projector", key=bilingual.projector_key)
    login(client)
    client.post(f"/console/sessions/{bilingual.id}/agenda/title",
                data={"title-nl": "Wijkcafé Zuid", "title-fr": "Café Sud"})
    for screen in (french, projector):  # static/js redraws the headers from this message
        header = received(screen, "session")[-1]
        assert header["title"] == "Wijkcafé Zuid" and header["titles"] == {"fr": "Café Sud"}


def test_the_projector_shows_the_sessions_title_and_the_others_under_it(client, bilingual):
    page = client.get(f"/p/{bilingual.code}?key={bilingual.projector_key}").get_data(as_text=True)
    assert f'<h1 id="join-title" class="join-title">{NL}</h1>' in page
    assert f'<p class="join-title-other" lang="fr" dir="auto">{FR}</p>' in page
    assert session_header(bilingual)["title"] == NL


# --- plans ------------------------------------------------------------------------------------

def test_a_plan_accepts_title_per_language(app):
    plan = parse_plan('title.nl = "Avond"\ntitle.fr = "Soirée"\nlanguage = "nl"\n'
                      '[[activity]]\nkind = "info"\ntitle = "Welkom"\n', "p", registry.all_kinds())
    assert plan.title == "Avond" and plan.title_text == {"nl": "Avond", "fr": "Soirée"}


def test_the_shipped_kickoff_plan_has_a_french_title(app, facilitator):
    plan = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
    assert set(plan.title_text) == {"nl", "fr"}
    session = create_session(facilitator, "", "nl", plan)
    db.session.commit()  # services flush; the caller commits
    assert session.title == plan.title_text["nl"]
    assert session.title_in("fr") == plan.title_text["fr"]


def test_a_title_typed_when_starting_replaces_the_plans(app, facilitator):
    plan = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
    session = create_session(facilitator, "Ons eigen café", "nl", plan)
    db.session.commit()  # services flush; the caller commits
    assert session.title_in("fr") == "Ons eigen café"


def test_export_and_import_keep_the_titles(client, login, bilingual):
    login(client)
    text = client.get(f"/console/sessions/{bilingual.id}/plan.toml").get_data(as_text=True)
    assert tomllib.loads(text)["title"] == {"nl": NL, "fr": FR}
    assert client.post("/console/plans/import", data={"text": text}).status_code == 302
    saved = db.session.scalar(db.select(SavedPlan))
    again = client.get(f"/console/plans/saved-{saved.id}/export").get_data(as_text=True)
    assert tomllib.loads(again)["title"] == {"nl": NL, "fr": FR}
    client.post("/console/sessions", data={"title": "", "language": "nl",
                                           "plan": f"saved-{saved.id}"})
    started = db.session.scalars(db.select(CafeSession).order_by(CafeSession.id)).all()[-1]
    assert started.id != bilingual.id
    assert (started.title, started.title_in("fr")) == (NL, FR)


def test_saving_to_the_library_and_copying_keep_the_titles(client, login, bilingual):
    login(client)
    client.post(f"/console/sessions/{bilingual.id}/save-plan", data={"title": NL})
    saved = db.session.scalar(db.select(SavedPlan))
    assert saved.content["title"] == {"nl": NL, "fr": FR}
    client.post(f"/console/sessions/{bilingual.id}/copy")
    copied = db.session.scalars(db.select(CafeSession).order_by(CafeSession.id)).all()[-1]
    assert copied.id != bilingual.id and copied.title_in("fr") == FR
