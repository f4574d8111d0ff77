from cafe.extensions import db
from cafe.sessions.models import CafeSession


def test_login_failure_and_success(client, facilitator):
    bad = client.post("/login", data={"username": "anna", "password": "nope"})
    assert bad.status_code == 401
    assert client.get("/console/").status_code == 302
    ok = client.post("/login", data={"username": "anna", "password": "correct horse battery"})
    assert ok.status_code == 302
    assert client.get("/console/").status_code == 200


def test_login_does_not_redirect_off_site(client, facilitator):
    response = client.post("/login?next=https://evil.example/", data={
        "username": "anna", "password": "correct horse battery"})
    assert response.headers["Location"] == "/console/"


def test_create_session_from_plan_and_open_console(client, login, facilitator):
    login(client)
    response = client.post("/console/sessions", data={
        "title": "Wijkcafé Noord", "language": "nl", "plan": "kickoff-buurtanalyse"})
    assert response.status_code == 302
    session = db.session.scalar(db.select(CafeSession))
    assert session.title == "Wijkcafé Noord" and len(session.activities) >= 3
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert session.code.encode() in page.data
    projector = client.get(f"/p/{session.code}")
    assert projector.status_code == 200 and b"join-qr" in projector.data


def test_create_session_refuses_empty_title_and_unknown_plan(client, login, facilitator):
    login(client)
    assert client.post("/console/sessions", data={"title": "", "plan": ""}).status_code == 400
    assert client.post("/console/sessions", data={"title": "x", "plan": "nope"}).status_code == 400
    assert db.session.scalar(db.select(CafeSession)) is None


def test_delete_session_needs_the_code(client, login, cafe_session, join):
    code, session_id = cafe_session.code, cafe_session.id
    join(code)
    login(client)
    client.post(f"/console/sessions/{session_id}/delete", data={"confirm": "nope"})
    assert db.session.get(CafeSession, session_id) is not None
    client.post(f"/console/sessions/{session_id}/delete", data={"confirm": code.lower()})
    db.session.expire_all()
    assert db.session.get(CafeSession, session_id) is None
    from cafe.participants.models import Participant
    assert db.session.scalar(db.select(Participant)) is None


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/join/{code}" in doc["paths"]


def test_facilitator_enters_input_for_someone_without_a_phone(client, login, cafe_session, app,
                                                             sio):
    from cafe.participants.models import Participant

    login(client)
    r = client.post(f"/console/sessions/{cafe_session.id}/assisted",
                    data={"name": "Mevr. Peeters", "role": "resident"})
    assert r.status_code == 302 and "/assist/" in r.headers["Location"]
    r = client.get(r.headers["Location"])
    assert r.headers["Location"].endswith(f"/s/{cafe_session.code}")
    page = client.get(f"/s/{cafe_session.code}").get_data(as_text=True)
    assert "Mevr. Peeters" in page and "on behalf of" in page
    participant = db.session.scalar(db.select(Participant))
    assert participant.assisted
    # Another facilitator cannot open that assisted phone view.
    other = app.test_client()
    from cafe.auth.services import create_facilitator

    create_facilitator("bert", "correct horse battery")
    login(other, "bert")
    url = f"/console/sessions/{cafe_session.id}/assist/{participant.id}"
    assert other.get(url).status_code == 404


def _console_words(client, session_id, lang):
    """What the agenda shows: the Open button's text and the JS's word for an open activity."""
    import json
    import re

    page = client.get(f"/console/sessions/{session_id}?lang={lang}").get_data(as_text=True)
    button = re.search(r'data-action="activity:open">([^<]+)</button>', page).group(1)
    messages = json.loads(re.search(
        r'<script type="application/json" id="cafe-messages">(.*?)</script>', page, re.S).group(1))
    agenda = client.get(f"/console/sessions/{session_id}/agenda?lang={lang}").get_data(
        as_text=True)
    return button, messages["open"], agenda


def test_the_open_button_is_a_verb_and_the_open_badge_a_state(client, login, cafe_session):
    """One msgid served both: French said "Ouvrir" (open it!) beside an activity that is open."""
    from cafe.sessions.services import set_status

    login(client)
    set_status(cafe_session.activities[0], "open")
    db.session.commit()
    expected = {"nl": ("Openen", "Open"), "fr": ("Ouvrir", "Ouvert"), "en": ("Open", "Open")}
    for lang, (verb, state) in expected.items():
        button, badge, agenda = _console_words(client, cafe_session.id, lang)
        assert (button, badge) == (verb, state), lang
        # The agenda editor lists the same state with the same word.
        assert f"· {state}" in agenda, lang
