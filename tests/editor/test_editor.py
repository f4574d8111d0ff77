"""The agenda editor over HTTP: one validation for plans and editor, bad input refused in the
facilitator's language with the stored agenda unchanged, live edits seen by the console."""

import json
import re

import pytest

from cafe.activities import registry
from cafe.editor import services
from cafe.extensions import db
from cafe.sessions.models import Activity, CafeSession
from cafe.sessions.plans import available_plans, load_plan, parse_plan
from tests.support.kinds import kind_names

KICKOFF = "kickoff-buurtanalyse"


def _agenda(session_id):
    db.session.expire_all()
    return services.agenda(db.session.get(CafeSession, session_id))


@pytest.fixture
def blank(app, facilitator):
    from cafe.sessions.services import create_session

    session = create_session(facilitator, "Leeg", "nl")
    db.session.commit()  # services flush; the caller commits
    services.set_languages(session, ["nl", "fr"], app.config["LANGUAGES"])
    db.session.commit()
    return session


def _vote_form(**overrides):
    form = {"title-nl": "Stemming", "title-fr": "Vote", "prompt-nl": "", "prompt-fr": "",
            "method": "dot", "target": "cards", "dots": "5", "max_dots_per_item": "1",
            "rank_k": "3", "reveal": "live", "source": ""}
    form.update(overrides)
    return form


def _worldcafe_form(**overrides):
    form = {"title-nl": "Wereldcafé", "tables": "6", "capacity": "6", "harvest_by": "host",
            "seating": "meet_new",
            "max_length": "280", "hosts": "",
            "round-1-question-nl": "Wat zien we?", "round-1-minutes": "20",
            "round-2-question-nl": "", "round-2-minutes": ""}
    form.update(overrides)
    return form


def test_shipped_plan_has_dutch_and_french_for_every_text(app):
    plan = load_plan(available_plans()[KICKOFF], registry.all_kinds())
    assert plan.languages == ["nl", "fr"]
    for activity in plan.activities:
        assert set(activity.title) == {"nl", "fr"} and set(activity.prompt) == {"nl", "fr"}
        for round_ in activity.settings.get("rounds", []):
            assert set(round_["question"]) == {"nl", "fr"}


def test_a_plan_text_is_a_string_or_a_table(app):
    plan = parse_plan('title = "x"\n[[activity]]\nkind = "info"\ntitle = "Hallo"\n'
                      'prompt = {nl = "Dag", fr = "Bonjour"}\n', "mini.toml",
                      registry.all_kinds())
    assert plan.activities[0].title == "Hallo"
    assert plan.activities[0].prompt == {"nl": "Dag", "fr": "Bonjour"}


@pytest.mark.parametrize("settings, problem", [
    ("dots = 0", "dots"),
    ("tables = 500", "tables"),
])
def test_the_plan_loader_uses_the_kinds_settings(app, settings, problem):
    kind = "vote" if "dots" in settings else "worldcafe"
    with pytest.raises(ValueError, match=problem):
        parse_plan(f'title = "x"\n[[activity]]\nkind = "{kind}"\ntitle = "t"\n'
                   f'[activity.settings]\n{settings}\n', "bad.toml", registry.all_kinds())


@pytest.mark.parametrize("path, form, field, message", [
    ("vote", _vote_form(**{"title-nl": "", "title-fr": " "}), "title", "Vul dit in."),
    ("vote", _vote_form(dots="0"), "dots", "Minstens 1."),
    ("worldcafe", _worldcafe_form(tables="500"), "tables", "Tussen 1 en 200 tafels"),
    ("worldcafe", _worldcafe_form(tables="2", hosts="An\nBen\nCis"), "hosts",
     "meer gastheren dan tafels"),
    ("worldcafe", _worldcafe_form(**{"round-1-minutes": "0"}), "rounds", "Minstens 1."),
    ("info", {"title-nl": "Welkom", "prompt-nl": "x" * 10_000}, "prompt",
     "Hoogstens 4000 tekens."),
])
def test_bad_input_is_refused_in_dutch_and_nothing_changes(
        client, login, facilitator, blank, path, form, field, message):
    facilitator.language = "nl"
    db.session.commit()
    login(client)
    existing = services.add(blank, "info", {"nl": "Welkom"}, "", {})[0]
    db.session.commit()
    before = _agenda(blank.id)
    response = client.post(f"/console/sessions/{blank.id}/agenda/new/{path}", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Er werd niets bewaard" in page
    assert message.lower() in page.lower(), page[page.find("form-errors"):][:500]
    assert f'id="err-{field}"' in page
    assert _agenda(blank.id) == before
    # Editing an existing activity with the same bad texts leaves it as it was too.
    if path == "info":
        response = client.post(f"/console/sessions/{blank.id}/agenda/{existing.id}", data=form)
        assert response.status_code == 400
        assert _agenda(blank.id) == before


def test_add_edit_move_duplicate_and_delete(client, login, blank, sio):
    login(client)
    console = sio(blank.code, view="console", flask_client=client)
    console.get_received()
    base = f"/console/sessions/{blank.id}/agenda"
    assert client.post(f"{base}/new/info", data={"title-nl": "Welkom", "title-fr": "Bienvenue",
                                                 "prompt-nl": "Dag"}).status_code == 302
    assert client.post(f"{base}/new/vote", data=_vote_form()).status_code == 302
    # The console saw the new agenda, without a reload.
    agendas = [e["args"][0]["agenda"] for e in console.get_received() if e["name"] == "session"]
    assert [a["title"] for a in agendas[-1]] == ["Welkom", "Stemming"]
    info, vote = db.session.scalars(db.select(Activity).where(
        Activity.session_id == blank.id).order_by(Activity.position)).all()
    assert info.texts["title"] == {"nl": "Welkom", "fr": "Bienvenue"}

    response = client.post(f"{base}/{vote.id}/move", data={"direction": "up"},
                           headers={"Accept": "application/json"})
    assert response.get_json()["order"] == [vote.id, info.id]
    assert response.get_json()["message"] == "Stemming is now number 1 of 2."
    assert client.post(f"{base}/{info.id}/duplicate").status_code == 302
    assert [a["title"]["nl"] for a in _agenda(blank.id)] == ["Stemming", "Welkom", "Welkom"]
    edited = _vote_form(dots="3", **{"title-fr": "Vote prioritaire"})
    assert client.post(f"{base}/{vote.id}", data=edited).status_code == 302
    stored = _agenda(blank.id)[0]
    assert stored["settings"]["dots"] == 3
    assert stored["title"] == {"nl": "Stemming", "fr": "Vote prioritaire"}
    assert client.post(f"{base}/{info.id}/delete").status_code == 302
    assert len(_agenda(blank.id)) == 2


def test_deleting_an_activity_with_contributions_needs_confirmation(
        client, login, cafe_session, join, sio):
    login(client)
    board = next(a for a in cafe_session.activities if a.kind == "board")
    board_id = board.id
    console = sio(cafe_session.code, view="console", flask_client=client)
    ack = console.emit("activity:open", {"cid": "open-board", "activity": board.id}, callback=True)
    assert ack["ok"], ack
    phone = sio(cafe_session.code, token=join(cafe_session.code, name="Ann"))
    ack = phone.emit("card:add", {"cid": "card-one", "activity": board.id, "type": "need",
                                    "text": "Te weinig bankjes"}, callback=True)
    assert ack["ok"], ack
    page = client.get(f"/console/sessions/{cafe_session.id}/agenda").get_data(as_text=True)
    assert "1 contribution" in page and "Also delete what people contributed" in page
    url = f"/console/sessions/{cafe_session.id}/agenda/{board.id}/delete"
    response = client.post(url, headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert response.get_json()["error"] == "confirm"
    assert db.session.get(Activity, board.id) is not None
    # Editing its settings keeps the card.
    kind = registry.get("board")
    services.update(db.session.get(Activity, board.id), {"nl": "Nieuw"}, "",
                    {**board.settings, "max_length": 150})
    db.session.commit()
    assert kind.contributions(db.session.get(Activity, board.id)) == 1
    response = client.post(url, data={"confirm": "yes"}, headers={"Accept": "application/json"})
    assert response.get_json() == {"ok": True}
    db.session.expire_all()
    assert db.session.get(Activity, board_id) is None


def test_copy_keeps_the_agenda_and_drops_the_contributions(client, login, cafe_session):
    from cafe.activities.board.models import Card

    board = next(a for a in cafe_session.activities if a.kind == "board")
    db.session.add(Card(activity_id=board.id, session_id=cafe_session.id, text="Bankjes",
                        type="need", status="visible"))
    db.session.commit()
    login(client)
    response = client.post("/console/sessions", data={"plan": f"copy:{cafe_session.id}",
                                                      "title": "Tweede avond"})
    assert response.status_code == 302
    copy = db.session.scalars(db.select(CafeSession).where(
        CafeSession.id != cafe_session.id)).one()
    assert services.agenda(copy) == services.agenda(cafe_session)
    assert copy.code != cafe_session.code and copy.title == "Tweede avond"
    assert services.content_languages(copy) == services.content_languages(cafe_session)
    kinds = registry.all_kinds()
    assert [kinds[a.kind].contributions(a) for a in copy.activities] == [0] * 6
    assert kinds["board"].contributions(board) == 1


def test_someone_elses_editor_is_not_found(client, login, cafe_session, other_facilitator):
    login(client, "bert")
    base = f"/console/sessions/{cafe_session.id}"
    assert client.get(f"{base}/agenda").status_code == 404
    assert client.post(f"{base}/agenda/new/info", data={"title-nl": "x"}).status_code == 404
    assert client.post(f"{base}/copy").status_code == 404


def test_preview_renders_the_phone_view_in_each_language(client, login, cafe_session):
    login(client)
    board = next(a for a in cafe_session.activities if a.kind == "board")
    url = f"/console/sessions/{cafe_session.id}/agenda/{board.id}/preview"
    page = client.get(f"{url}?view=phone&lang=fr").get_data(as_text=True)
    assert '<html lang="fr"' in page
    shown = json.loads(re.search(r'id="cafe-preview">(.*?)</script>', page).group(1))
    assert shown["me"] == {"language": "fr"}
    # The preview carries the text in its own language (the editor's frame shows one).
    assert shown["activities"][str(board.id)]["title"].startswith("Où le bât")
    assert client.get(f"{url}?view=projector").status_code == 200


def test_join_page_follows_the_browser_language(client, cafe_session):
    page = client.get(f"/j/{cafe_session.code}", headers={"Accept-Language": "fr-BE,fr;q=0.9"})
    assert '<html lang="fr"' in page.get_data(as_text=True)


def test_planned_hosts_reach_the_console(app, blank):
    from cafe.sessions.views import activity_view

    activity, _changes = services.add(blank, "worldcafe", {"nl": "Café"}, "",
                                      {"tables": 3, "hosts": ["An", "Ben"]})
    db.session.commit()
    assert activity_view(activity, "console")["data"]["planned_hosts"] == ["An", "Ben"]


def test_changing_a_round_question_before_the_cafe_opens(client, login, cafe_session, join, sio):
    """The console sees the new question at once; phones get every version of the texts and
    the round questions, and pick their reader's."""
    login(client)
    cafe = next(a for a in cafe_session.activities if a.kind == "worldcafe")
    console = sio(cafe_session.code, view="console", flask_client=client)
    console.get_received()
    form = {"title-en": "", "title-nl": "Wereldcafé", "title-fr": "World Café",
            "tables": "6", "capacity": "6", "harvest_by": "host", "max_length": "280",
            "seating": "meet_new",
            "hosts": "", "round-1-question-nl": "Wat zien we over vijf jaar?",
            "round-1-question-fr": "Que voyons-nous dans cinq ans ?", "round-1-minutes": "25"}
    response = client.post(f"/console/sessions/{cafe_session.id}/agenda/{cafe.id}", data=form)
    assert response.status_code == 302
    views = [e["args"][0] for e in console.get_received()
             if e["name"] == "activity" and e["args"][0]["id"] == cafe.id]
    rounds = views[-1]["data"]["rounds"]
    assert [(r["question_texts"], r["minutes"]) for r in rounds] == [
        ({"nl": "Wat zien we over vijf jaar?", "fr": "Que voyons-nous dans cinq ans ?"}, 25)]
    ack = console.emit("activity:open", {"cid": "open-cafe-1", "activity": cafe.id},
                       callback=True)
    assert ack["ok"], ack
    phone = sio(cafe_session.code, token=join(cafe_session.code, name="Zoé", language="fr"))
    state = next(e["args"][0] for e in phone.get_received() if e["name"] == "state")
    shown = state["activities"][str(cafe.id)] if str(cafe.id) in state["activities"] else \
        state["activities"][cafe.id]
    assert shown["texts"]["title"] == {"nl": "Wereldcafé", "fr": "World Café"}
    assert state["me"]["language"] == "fr"


def test_a_vote_keeps_its_board_when_the_agenda_moves(app, blank):
    board, _ = services.add(blank, "board", {"nl": "Bord"}, "", {})
    other, _ = services.add(blank, "board", {"nl": "Ander bord"}, "", {})
    vote, _ = services.add(blank, "vote", {"nl": "Stem"}, "", {"source": 1})
    services.move(other, 0)
    assert vote.settings["source"] == 2 and blank.activities[1] is board
    services.duplicate(other)
    assert vote.settings["source"] == 3
    services.delete(board, confirmed=False)
    assert vote.settings["source"] is None  # the nearest board before it, as a plan says


def test_preview_escapes_what_the_facilitator_wrote(client, login, blank):
    login(client)
    evil = "</script><script>alert(1)</script>"
    activity, _ = services.add(blank, "info", {"nl": evil}, {"fr": evil}, {})
    db.session.commit()
    page = client.get(f"/console/sessions/{blank.id}/agenda/{activity.id}/preview?lang=fr")
    assert "<script>alert(1)" not in page.get_data(as_text=True)
    assert evil not in client.get(f"/console/sessions/{blank.id}/agenda").get_data(as_text=True)


def test_settings_that_would_orphan_ballots_stay_once_people_voted(
        client, login, make_vote):
    from cafe.activities.vote.models import Vote
    from cafe.participants import services as participants

    session, vote, cards = make_vote()
    person, _token, _changes = participants.join(session, name="Ann")
    db.session.add(Vote(activity_id=vote.id, participant_id=person.id, target="card",
                        item_id=cards[0], dots=1))
    db.session.commit()
    login(client)
    url = f"/console/sessions/{session.id}/agenda/{vote.id}"
    form = {"title-en": "Kies", "method": "rank", "target": "cards", "dots": "5",
            "max_dots_per_item": "1", "rank_k": "3", "reveal": "live", "source": ""}
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert "can no longer change" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Activity, vote.id).settings["method"] == "dot"
    # Other settings still change, and the ballot stays.
    assert client.post(url, data={**form, "method": "dot", "dots": "3"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Activity, vote.id).settings["dots"] == 3
    assert registry.get("vote").contributions(db.session.get(Activity, vote.id)) == 1


def test_team_roles_in_the_editor_and_the_action_log(app, client, login, cafe_session):
    from cafe.auth.services import create_facilitator
    from cafe.team.models import ConsoleAction
    from tests.support.factories import FACILITATOR_PASSWORD

    for name in ("carla", "mo", "bert"):
        create_facilitator(name, FACILITATOR_PASSWORD, "en")
    anna = login(client)
    sid = cafe_session.id
    for name, role in (("carla", "cofacilitator"), ("mo", "moderator")):
        assert anna.post(f"/console/sessions/{sid}/team",
                         data={"username": name, "role": role}).status_code == 302
    carla, mo, bert = (login(app.test_client(), n) for n in ("carla", "mo", "bert"))
    info = cafe_session.activities[0]
    base = f"/console/sessions/{sid}/agenda"
    assert mo.get(base).status_code == 403
    assert mo.post(f"{base}/new/info", data={"title-nl": "x"}).status_code == 403
    assert bert.get(base).status_code == 404
    assert carla.get(base).status_code == 200
    assert carla.post(f"{base}/new/info", data={"title-nl": "Pauze"}).status_code == 302
    assert carla.post(f"{base}/{info.id}/move", data={"direction": "down"}).status_code == 302
    assert carla.post(f"{base}/new/vote", data=_vote_form(dots="0")).status_code == 400
    actions = [(r.username, r.action) for r in db.session.scalars(
        db.select(ConsoleAction).order_by(ConsoleAction.id)) if r.action.startswith("editor.")]
    assert actions == [("carla", "editor.new"), ("carla", "editor.move")]
    page = anna.get(f"/console/sessions/{sid}/log").get_data(as_text=True)
    assert "added an activity" in page and "moved an activity" in page


@pytest.mark.parametrize("kind_name", kind_names())
def test_every_setting_has_a_label_and_every_choice_a_name(app, kind_name):
    from cafe.editor import fields

    kind = registry.get(kind_name)
    with app.test_request_context():
        assert kind.label() != kind_name
        widgets = fields.widgets(kind, {})
    for widget in widgets:
        assert kind.Settings.model_fields[widget.name].title, widget.name
        if widget.name != "template":
            extra = kind.Settings.model_fields[widget.name].json_schema_extra or {}
            names = extra.get("options", {})
            assert all(value in names for value, _label in widget.options), widget.name


def test_editor_pages_have_no_inline_script_or_style(client, login, cafe_session):
    login(client)
    base = f"/console/sessions/{cafe_session.id}/agenda"
    first = cafe_session.activities[3].id
    for url in (base, f"{base}/{first}", f"{base}/new/vote", f"{base}/{first}/preview?lang=fr",
                f"{base}/{first}/preview?view=projector"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\sstyle=", html) and not re.search(r"\son[a-z]+=", html), url
