"""Issue 25 item 5 (part): the activity form sits between the agenda and a preview in a real
phone's size (390×844) and a 16:9 projector's with its join strip; the preview's language is a
parameter of the preview (the editor around it keeps the facilitator's); what she types shows
in the preview before it is saved."""

import json
import re

import pytest

from cafe.auth.services import create_facilitator
from cafe.editor import services
from cafe.extensions import db
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD


@pytest.fixture
def nora(app, client, login):
    """A Dutch facilitator's NL+FR session with one slide; her client logged in."""
    owner = create_facilitator("nora", FACILITATOR_PASSWORD, "nl")
    session = create_session(owner, "Buurtcafé", "nl")
    services.set_languages(session, ["fr"], ["nl", "fr", "en", "ar"])
    activity, _ = services.add(session, "info", {"nl": "Welkom", "fr": "Bienvenue"},
                               {"nl": "Fijn dat u er bent", "fr": "Merci d'être là"}, {})
    db.session.commit()
    return login(client, "nora"), session, activity


def _state(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="cafe-preview">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def test_the_form_stands_between_the_agenda_and_the_framed_previews(nora):
    client, session, activity = nora
    page = client.get(f"/console/sessions/{session.id}/agenda/{activity.id}").get_data(
        as_text=True)
    assert '<html lang="nl"' in page
    agenda = page.index("editor-side-agenda")
    assert agenda < page.index("editor-form") < page.index("editor-preview")
    assert re.search(r'id="preview-phone"[^>]*width="390" height="844"', page)
    assert re.search(r'id="preview-projector"[^>]*width="1280" height="720"', page)
    assert re.findall(r'<option value="(\w+)" lang', page) == ["nl", "fr"]
    assert "js/editor-form.js" in page


def test_a_french_preview_leaves_the_editor_dutch(nora):
    client, session, activity = nora
    base = f"/console/sessions/{session.id}/agenda/{activity.id}/preview"
    phone = client.get(f"{base}?view=phone&frame=1&lang=fr")
    assert phone.status_code == 200
    assert phone.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in phone.headers["Content-Security-Policy"]
    page = phone.get_data(as_text=True)
    assert '<html lang="fr"' in page and "preview-bar" not in page
    assert _state(page)["activities"][str(activity.id)]["title"] == "Bienvenue"
    projector = client.get(f"{base}?view=projector&frame=1&lang=fr").get_data(as_text=True)
    assert '<html lang="fr"' in projector and 'id="join-strip"' in projector
    view = _state(projector)["activities"][str(activity.id)]
    assert (view["title"], view["prompt"]) == ("Bienvenue", "Merci d'être là")
    # The editor itself, asked right after, is still in her language.
    editor = client.get(f"/console/sessions/{session.id}/agenda/{activity.id}")
    assert '<html lang="nl"' in editor.get_data(as_text=True)


def test_what_she_types_shows_in_the_preview_and_nothing_is_stored(nora):
    client, session, activity = nora
    base = f"/console/sessions/{session.id}/agenda/{activity.id}/preview"
    page = client.get(f"{base}?view=projector&frame=1&lang=fr&title=Bonsoir&prompt=Entrez")
    view = _state(page.get_data(as_text=True))["activities"][str(activity.id)]
    assert (view["title"], view["prompt"]) == ("Bonsoir", "Entrez")
    db.session.expire_all()
    assert activity.text("title") == {"nl": "Welkom", "fr": "Bienvenue"}


def test_the_previews_show_the_forms_settings_in_their_language_before_saving(nora):
    """Every setting people see follows the form: a World Café's question (round 1 shown as
    about to start: its question on the projector, the table and who writes on a phone) and a
    vote's dots; a field half typed keeps the stored value; nothing is stored."""
    client, session, _info = nora
    cafe, _ = services.add(session, "worldcafe", {"nl": "Wereldcafé"}, "", {
        "rounds": [{"question": {"nl": "Waar brandt het?", "fr": "Où ça brûle ?"}}],
        "harvest_by": "anyone"})
    vote, _ = services.add(session, "vote", {"nl": "Stemmen"}, "", {"dots": 5})
    db.session.commit()
    base = f"/console/sessions/{session.id}/agenda"
    typed = {"title-nl": "Wereldcafé", "title-fr": "Café du monde", "tables": "4",
             "round-1-question-nl": "Wat maakt u blij?", "round-1-minutes": "15",
             "round-1-question-fr": "Qu'est-ce qui vous rend heureux ?",
             "harvest_by": "anyone", "capacity": "6 (half typed)"}
    phone = _state(client.post(f"{base}/{cafe.id}/preview?view=phone&frame=1&lang=fr",
                               data=typed).get_data(as_text=True))
    view = phone["activities"][str(cafe.id)]
    assert view["title"] == "Café du monde"
    assert view["data"]["round"]["question_texts"]["fr"] == "Qu'est-ce qui vous rend heureux ?"
    assert view["data"]["round"]["minutes"] == 15
    assert phone["private"][str(cafe.id)]["table"]["number"] == 1
    assert phone["private"][str(cafe.id)]["can_write"] is True
    projector = _state(client.post(f"{base}/{cafe.id}/preview?view=projector&frame=1&lang=fr",
                                   data=typed).get_data(as_text=True))
    shown = projector["activities"][str(cafe.id)]["data"]
    assert shown["round"]["question"] == "Qu'est-ce qui vous rend heureux ?"
    assert len(shown["tables"]) == 4
    answer = client.post(f"{base}/{vote.id}/preview?view=phone&frame=1&lang=nl",
                         data={"method": "dot", "dots": "7", "max_dots_per_item": "x"})
    data = _state(answer.get_data(as_text=True))["activities"][str(vote.id)]["data"]
    assert (data["dots"], data["max_dots_per_item"]) == (7, 1)
    # Nothing stored, nothing logged; the editor still speaks her language.
    db.session.expire_all()
    assert cafe.settings["rounds"][0]["question"]["fr"] == "Où ça brûle ?"
    assert cafe.settings["tables"] == 6 and vote.settings["dots"] == 5
    assert session.language == "nl"
    editor = client.get(f"{base}/{cafe.id}").get_data(as_text=True)
    assert '<html lang="nl"' in editor and 'name="preview-phone"' in editor


def test_statements_typed_in_the_form_show_before_the_activity_ever_opened(nora):
    """A statements round's statements become rows only when it opens: the preview shows
    those of the form meanwhile, on the phone and, with no votes yet, on the projector."""
    client, session, _info = nora
    round_, _ = services.add(session, "statements", {"nl": "Stellingen"}, "",
                             {"statements": ["Onze buurt is veilig"]})
    db.session.commit()
    base = f"/console/sessions/{session.id}/agenda/{round_.id}/preview"
    typed = {"title-nl": "Stellingen",
             "statements": "Er is te weinig groen\nDe bus rijdt te weinig"}
    for view in ("phone", "projector"):
        page = client.post(f"{base}?view={view}&frame=1&lang=fr", data=typed)
        data = _state(page.get_data(as_text=True))["activities"][str(round_.id)]["data"]
        assert [s["text"] for s in data["statements"]] == [
            "Er is te weinig groen", "De bus rijdt te weinig"]
    assert [t["agree"] for t in data["tallies"]] == [0, 0]
    db.session.expire_all()
    assert round_.settings["statements"] == ["Onze buurt is veilig"]


def test_a_canvas_that_never_opened_previews_its_sheets_open_for_writing(nora):
    """Issue 25 item 3, "the canvas preview is empty": its canvases are made when it opens;
    the preview shows the sheets the form asks for (here two named groups), open, and stores
    none of them."""
    client, session, _info = nora
    canvas, _ = services.add(session, "canvas", {"nl": "Canvas"}, "", {})
    db.session.commit()
    base = f"/console/sessions/{session.id}/agenda/{canvas.id}/preview"
    typed = {"title-nl": "Canvas", "scope": "groups", "groups": "Noord\nZuid"}
    phone = _state(client.post(f"{base}?view=phone&frame=1&lang=fr", data=typed)
                   .get_data(as_text=True))["activities"][str(canvas.id)]
    assert phone["status"] == "open"
    assert [sheet["title"] for sheet in phone["data"]["canvases"]] == ["Noord", "Zuid"]
    projector = _state(client.post(f"{base}?view=projector&frame=1&lang=fr", data=typed)
                       .get_data(as_text=True))["activities"][str(canvas.id)]["data"]
    assert (projector["count"], [s["title"] for s in projector["canvases"]]) == (2, ["Noord"])
    assert projector["template"]  # the template's boxes, drawn on the sheet
    db.session.expire_all()
    assert canvas.status == "pending" and canvas.settings.get("scope", "room") == "room"
    assert client.get(f"{base}?view=phone&frame=1").status_code == 200
