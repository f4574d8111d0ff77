"""Issue 27 item 8: the permissions table in docs/API.md is generated from `may()`'s own table
(`ACTIONS`) and the routes' `console_action(...)` declarations, and every route of a session
answers each role as that table says."""

from pathlib import Path

import pytest
from sqlalchemy import select

from cafe.auth.models import Facilitator
from cafe.auth.services import create_facilitator
from cafe.editor import services as editor
from cafe.extensions import db
from cafe.neighbourhoods import services as neighbourhoods
from cafe.participants import services as participants
from cafe.participants.models import Participant
from cafe.team import table
from cafe.team.models import SessionMember
from cafe.team.permissions import ACTIONS
from cafe.team.services import add_member
from tests.support.factories import FACILITATOR_PASSWORD

DOC = Path(__file__).resolve().parents[2] / "docs" / "API.md"
ROLES = {"anna": "owner", "carla": "cofacilitator", "mo": "moderator"}


def test_the_docs_table_is_the_generated_one(app):
    assert table.region(DOC.read_text()) == table.markdown(app), (
        "run: python -m cafe.team.table --write")


def test_the_canvas_print_page_and_privacy_settings_are_for_those_who_run_the_session(app):
    permission = {rule.endpoint: getattr(app.view_functions[rule.endpoint],
                                         "console_permission", None)
                  for rule in app.url_map.iter_rules()}
    assert permission["canvas.print_page"] == "run"
    assert permission["security.console_settings"] == "run"
    assert "moderator" not in ACTIONS["run"]


@pytest.fixture
def world(app, cafe_session, facilitator, other_facilitator):
    for name in ("carla", "mo"):
        create_facilitator(name, FACILITATOR_PASSWORD, "en")
    hoods = {}
    for user in db.session.scalars(select(Facilitator)):
        hoods[user.username] = neighbourhoods.create(user, f"Wijk van {user.username}").id
    db.session.commit()
    return {"session": cafe_session, "hoods": hoods}


def ensure(world) -> dict:
    """Put back what an allowed POST of the walk may have taken away (a team member, the
    canvas, the assisted participant): every request meets the same session."""
    session = world["session"]
    db.session.expire_all()
    add_member(session, "carla", "cofacilitator")
    add_member(session, "mo", "moderator")
    canvas = next((a for a in session.activities if a.kind == "canvas"), None)
    if canvas is None:
        canvas, _changes = editor.add(session, "canvas", "Canvas", "",
                                      {"template": "theory-of-change"})
    assisted = world.get("assisted")
    if assisted is None or db.session.get(Participant, assisted) is None:
        person, _token, _changes = participants.join(session, name=None, assisted=True)
        world["assisted"] = person.id
    db.session.commit()
    mo = db.session.scalar(select(SessionMember.id).where(
        SessionMember.session_id == session.id,
        SessionMember.facilitator_id == select(Facilitator.id)
        .where(Facilitator.username == "mo").scalar_subquery()))
    return {"session_id": session.id, "activity_id": canvas.id,
            "participant_id": world["assisted"], "member_id": mo, "kind_name": "info",
            "invitation_id": 1}


def test_every_session_route_answers_each_role_as_the_table_says(app, world, login):
    clients = {name: login(app.test_client(), name) for name in ("anna", "carla", "mo", "bert")}
    clients["anonymous"] = app.test_client()
    walked = set()
    rules = table.session_rules(app)
    for rule, action in rules:
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for who, client in clients.items():
                values = ensure(world)
                values["hood_id"] = world["hoods"].get(who, world["hoods"]["anna"])
                path = rule.build(values, append_unknown=False)[1]
                status = client.open(path, method=method, data={}).status_code
                where = f"{who} {method} {path} ({rule.endpoint}, {action})"
                if who == "anonymous":
                    assert status == 302, where  # to the login page
                elif who == "bert":
                    assert status == 404, where  # no role: no hint the session exists
                elif ROLES[who] in ACTIONS[action]:
                    assert status not in (403, 404) and status < 500, f"{where}: {status}"
                else:
                    assert status == 403, f"{where}: {status}"
                walked.add((rule.endpoint, method, who))
    assert len(walked) == 5 * sum(len(r.methods - {"HEAD", "OPTIONS"}) for r, _a in rules)
    assert ("canvas.print_page", "GET", "mo") in walked
