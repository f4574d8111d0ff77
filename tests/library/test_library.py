"""The plan library: save a session's agenda as a plan, list it, export it and import it."""

import tomllib

from cafe.activities import registry
from cafe.domain.durations import agenda_minutes
from cafe.editor.services import plan_agenda
from cafe.extensions import db
from cafe.library.models import SavedPlan
from cafe.sessions.models import CafeSession
from cafe.sessions.plans import available_plans, load_plan, parse_plan


def agenda(plan):
    """What a session gets from a plan: kinds, titles and prompts in every language (as the
    editor cleans them), validated settings."""
    return plan_agenda(plan)


def test_durations_come_from_the_activities():
    cafe = {"rounds": [{"minutes": 20}, {"minutes": 20}, {"minutes": 15}]}
    assert agenda_minutes([("info", {}), ("board", {}), ("vote", {}), ("worldcafe", cafe)]) == (
        5 + 20 + 10 + 55 + 3 * 5
    )


def test_library_lists_shipped_plans_by_title(client, login, facilitator):
    login(client)
    page = client.get("/console/plans").get_data(as_text=True)
    kickoff = load_plan(available_plans()["kickoff-buurtanalyse"])
    assert kickoff.title in page
    assert "about " in page and " minutes" in page
    assert '<span class="plan-languages">fr, nl</span>' in page
    picker = client.get("/console/").get_data(as_text=True)
    assert f'value="kickoff-buurtanalyse">{kickoff.title}' in picker
    assert ">kickoff-buurtanalyse<" not in picker


def test_save_export_import_round_trip(client, login, cafe_session, other_facilitator):
    login(client)
    editor = client.get(f"/console/sessions/{cafe_session.id}/agenda").get_data(as_text=True)
    assert f"/console/sessions/{cafe_session.id}/save-plan" in editor
    assert f"/console/sessions/{cafe_session.id}/plan.toml" in editor
    response = client.post(f"/console/sessions/{cafe_session.id}/save-plan", data={
        "title": "Ons buurtcafé", "description": "Voor de wijk Noord", "shared": "1"})
    assert response.status_code == 302
    saved = db.session.scalar(db.select(SavedPlan))
    assert saved.title == "Ons buurtcafé" and saved.shared
    page = client.get("/console/plans").get_data(as_text=True)
    assert "Ons buurtcafé" in page and "Voor de wijk Noord" in page

    exported = client.get(f"/console/plans/saved-{saved.id}/export")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    text = exported.get_data(as_text=True)
    shipped = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
    exported_plan = parse_plan(text, "exported", registry.all_kinds())
    assert agenda(exported_plan) == agenda(shipped)
    assert exported_plan.languages == cafe_session.settings["languages"] == ["en", "nl", "fr"]

    imported = client.post("/console/plans/import", data={"text": text, "same_title": "keep"})
    assert imported.status_code == 302
    rows = db.session.scalars(db.select(SavedPlan).order_by(SavedPlan.id)).all()
    assert len(rows) == 2
    again = client.get(f"/console/plans/saved-{rows[1].id}/export").get_data(as_text=True)
    assert agenda(parse_plan(again, "again", registry.all_kinds())) == agenda(shipped)

    # A session started from the imported plan has the same agenda.
    client.post("/console/sessions", data={"title": "", "language": "nl",
                                           "plan": f"saved-{rows[1].id}"})
    started = db.session.scalars(db.select(CafeSession).order_by(CafeSession.id)).all()[-1]
    assert started.title == "Ons buurtcafé (2)"  # both kept: the import got "(2)"
    assert [(a.kind, a.title, a.settings) for a in started.activities] == [
        (a.kind, a.title, a.settings) for a in cafe_session.activities]


def test_shared_plans_are_seen_by_others_private_ones_are_not(app, login, cafe_session):
    from cafe.auth.services import create_facilitator
    from tests.support.factories import FACILITATOR_PASSWORD

    create_facilitator("bert", FACILITATOR_PASSWORD, "en")
    anna = login(app.test_client())
    anna.post(f"/console/sessions/{cafe_session.id}/save-plan", data={"title": "Gedeeld",
                                                                       "shared": "1"})
    anna.post(f"/console/sessions/{cafe_session.id}/save-plan", data={"title": "Privé"})
    shared, private = db.session.scalars(db.select(SavedPlan).order_by(SavedPlan.id)).all()
    bert = login(app.test_client(), "bert")
    page = bert.get("/console/plans").get_data(as_text=True)
    assert "Gedeeld" in page and "Privé" not in page
    assert bert.get(f"/console/plans/saved-{private.id}/export").status_code == 404
    assert bert.get(f"/console/plans/saved-{shared.id}/export").status_code == 200
    # Only the owner deletes; a shared plan stays for the others.
    assert bert.post(f"/console/plans/{shared.id}/delete").status_code == 404
    assert bert.post("/console/sessions", data={"plan": f"saved-{private.id}",
                                                "title": "x"}).status_code == 400


def test_import_with_a_syntax_error_names_the_line_and_stores_nothing(app, login):
    from cafe.auth.services import create_facilitator
    from tests.support.factories import FACILITATOR_PASSWORD

    create_facilitator("els", FACILITATOR_PASSWORD, "nl")
    client = login(app.test_client(), "els")
    client.post("/console/plans/import", data={"text": 'title = "Goed"\n[[activity]]\n'
                                               'kind = "info"\ntitle = "Welkom"\n'})
    before = db.session.scalars(db.select(SavedPlan.content)).all()
    text = 'title = "Kapot"\n\n[[activity]]\nkind = "info"\ntitle = \n'
    response = client.post("/console/plans/import", data={"text": text})
    assert response.status_code == 400
    assert "Het bestand is geen geldige TOML: kijk naar regel 5." in response.get_data(
        as_text=True)
    assert db.session.scalars(db.select(SavedPlan.content)).all() == before
    bad_setting = ('title = "x"\n[[activity]]\nkind = "vote"\ntitle = "Stem"\n'
                   '[activity.settings]\ndots = 0\n')
    refused = client.post("/console/plans/import", data={"text": bad_setting})
    assert refused.status_code == 400 and "dots" in refused.get_data(as_text=True)
    assert db.session.scalars(db.select(SavedPlan.content)).all() == before
    tomllib.loads(bad_setting)  # valid TOML: refused by the plan schema, not the parser


def test_a_shipped_plan_is_copied_not_changed(client, login, facilitator):
    login(client)
    shipped = available_plans()["kickoff-buurtanalyse"]
    before = shipped.read_text(encoding="utf-8")
    assert client.post("/console/plans/kickoff-buurtanalyse/copy").status_code == 302
    row = db.session.scalar(db.select(SavedPlan))
    assert row.facilitator_id == facilitator.id and not row.shared
    assert row.title == load_plan(shipped).title
    assert shipped.read_text(encoding="utf-8") == before
    assert client.post("/console/plans/no-such-plan/copy").status_code == 404
    # Shipped plans cannot be deleted: there is no saved row behind them.
    page = client.get("/console/plans").get_data(as_text=True)
    assert page.count("/delete") == 1
