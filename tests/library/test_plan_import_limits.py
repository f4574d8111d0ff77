"""Plan import and the documented limits (issue 27, items 1–3): a plan nested thousands of
levels deep is refused before it is parsed, the parse runs off the event loop, every limit of
the editor holds on import and on start from a plan, and imported texts are cleaned like typed
ones."""

import re
import threading

import pytest
import requests

from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.library import services as library
from cafe.library.models import SavedPlan
from cafe.sessions.models import CafeSession
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD

DEEP_HEADER = 'title = "Diep"\n[' + ".".join(["a"] * 97_000) + "]\nx = 1\n"
DEEP_TABLES = 'title = "Diep"\nx = ' + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
DEEP_ARRAYS = 'title = "Diep"\nx = ' + "[" * 3000 + "]" * 3000 + "\n"


def plan_text(activities: int, title: str = "Goed") -> str:
    return f'title = "{title}"\n' + "".join(
        f'[[activity]]\nkind = "info"\ntitle = "Stap {n}"\n' for n in range(activities))


@pytest.fixture
def dutch(app, login):
    create_facilitator("els", FACILITATOR_PASSWORD, "nl")
    return login(app.test_client(), "els")


def stored():
    return db.session.scalars(db.select(SavedPlan.content)).all()


@pytest.mark.server
def test_a_deep_plan_is_refused_while_the_room_keeps_answering(live_server):
    live = live_server()
    try:
        http = live.login()
        page = http.get(f"{live.url}/console/plans", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        answers = {}

        def upload(name, text):
            answers[name] = http.post(f"{live.url}/console/plans/import", timeout=60,
                                      data={"csrf_token": token, "text": text})

        uploads = [threading.Thread(target=upload, args=(name, text)) for name, text in
                   (("header", DEEP_HEADER), ("tables", DEEP_TABLES), ("arrays", DEEP_ARRAYS))]
        for thread in uploads:
            thread.start()
        # The room's health check is answered while the three uploads are in the server.
        assert requests.get(f"{live.url}/healthz", timeout=30).status_code == 200
        for thread in uploads:
            thread.join(60)
        for name in ("header", "tables", "arrays"):
            assert answers[name].status_code == 400, (name, answers[name].status_code)
            assert "This plan nests too deeply (at most 16 levels)." in answers[name].text
        assert requests.get(f"{live.url}/healthz", timeout=10).status_code == 200
    finally:
        live.stop()


def test_the_upload_is_parsed_through_offload(dutch, monkeypatch):
    calls = []

    def recording_offload(fn, *args):
        calls.append(fn.__name__)
        return fn(*args)

    monkeypatch.setattr(library, "offload", recording_offload)
    assert dutch.post("/console/plans/import", data={"text": plan_text(2)}).status_code == 302
    assert calls == ["load_upload"]
    refused = dutch.post("/console/plans/import", data={"text": DEEP_TABLES})
    assert refused.status_code == 400
    assert "Dit plan is te diep genest (hoogstens 16 niveaus)." in refused.get_data(as_text=True)


def test_more_than_sixty_activities_are_refused_on_import(dutch):
    before = stored()
    response = dutch.post("/console/plans/import", data={"text": plan_text(61)})
    assert response.status_code == 400
    assert "Een agenda telt hoogstens 60 activiteiten." in response.get_data(as_text=True)
    assert stored() == before
    assert dutch.post("/console/plans/import",
                      data={"text": plan_text(60)}).status_code == 302


def test_a_stored_plan_over_the_limit_does_not_start_a_session(app, dutch):
    from cafe.auth.models import Facilitator

    owner = db.session.scalar(db.select(Facilitator).where(Facilitator.username == "els"))
    # Saved before the limit held: the library row as an old import left it.
    row = SavedPlan(facilitator_id=owner.id, title="Te lang", description="", shared=False,
                    content={"title": "Te lang", "activity": [
                        {"kind": "info", "title": f"Stap {n}"} for n in range(61)]})
    db.session.add(row)
    db.session.commit()
    sessions = db.session.scalar(db.select(db.func.count()).select_from(CafeSession))
    response = dutch.post("/console/sessions", data={"plan": f"saved-{row.id}",
                                                     "title": "", "language": "nl"})
    assert response.status_code == 400
    assert "Een agenda telt hoogstens 60 activiteiten." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(CafeSession)) == sessions
    assert dutch.get("/console/plans").status_code == 200  # the library still lists the rest
    copied = dutch.post(f"/console/plans/saved-{row.id}/copy")
    assert copied.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(SavedPlan)) == 1


def test_the_editor_refuses_the_sixty_first_activity(app, facilitator, dutch):
    from cafe.auth.models import Facilitator
    from cafe.sessions.plans import plan_from_data

    owner = db.session.scalar(db.select(Facilitator).where(Facilitator.username == "els"))
    plan = plan_from_data({"title": "Vol", "activity": [
        {"kind": "info", "title": f"Stap {n}"} for n in range(60)]}, "vol")
    session = create_session(owner, "Vol", "nl", plan)
    db.session.commit()
    response = dutch.post(f"/console/sessions/{session.id}/agenda/new/info",
                          data={"title-nl": "Eén te veel", "prompt-nl": ""})
    assert response.status_code == 400
    assert "Een agenda telt hoogstens 60 activiteiten." in response.get_data(as_text=True)
    duplicated = dutch.post(
        f"/console/sessions/{session.id}/agenda/{session.activities[0].id}/duplicate",
        follow_redirects=True)
    assert "Een agenda telt hoogstens 60 activiteiten." in duplicated.get_data(as_text=True)
    db.session.expire_all()
    assert len(db.session.get(CafeSession, session.id).activities) == 60


def test_a_nul_escape_in_an_imported_plan_is_not_stored(dutch):
    text = ('title = "Buurt\\u0000cafe"\ndescription = "Voor\\u0007 de wijk"\n'
            '[[activity]]\nkind = "info"\ntitle = "Wel\\u0000kom"\nprompt = "Hallo\\u001b"\n')
    assert dutch.post("/console/plans/import", data={"text": text}).status_code == 302
    row = db.session.scalar(db.select(SavedPlan))
    assert row.title == "Buurtcafe" and row.description == "Voor de wijk"
    assert row.content["title"] == "Buurtcafe"
    assert row.content["activity"][0] == {"kind": "info", "title": "Welkom", "prompt": "Hallo"}
    invisible = dutch.post("/console/plans/import", data={"text": 'title = "\\u0000\\u200b"\n'
                                                          '[[activity]]\nkind = "info"\n'
                                                          'title = "x"\n'})
    assert invisible.status_code == 400
