"""Every HTTP console action is one unit of work (cafe.team.unit): permission check, the change,
its action log line, one commit, then publish. Issue 27 item 4: a refused form no longer keeps
the next changes out of the log."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.team import log
from cafe.team.models import ConsoleAction
from cafe.team.services import add_member
from tests.support.factories import FACILITATOR_PASSWORD

CAFE = Path(__file__).resolve().parents[2] / "cafe"


@pytest.fixture
def carla(app, cafe_session, login):
    """A co-facilitator of the session, logged in."""
    create_facilitator("carla", FACILITATOR_PASSWORD, "en")
    add_member(cafe_session, "carla", "cofacilitator")
    db.session.commit()
    return login(app.test_client(), "carla")


def logged(session_id: int) -> list[tuple[str, str, dict]]:
    db.session.expire_all()
    return [(row.username, row.action, row.target) for row in db.session.scalars(
        select(ConsoleAction).where(ConsoleAction.session_id == session_id)
        .order_by(ConsoleAction.id))]


def test_a_refused_form_does_not_keep_the_next_changes_out_of_the_log(cafe_session, carla):
    """The reviewer's scenario: one refused form whose redirect is not followed (its error
    waits in the flash cookie), then a slide added and deleted and retention set to 30 days."""
    sid = cafe_session.id
    refused = carla.post(f"/console/sessions/{sid}/assisted", data={"role": "nonsense"})
    assert refused.status_code == 302  # not followed: the error stays in the cookie
    added = carla.post(f"/console/sessions/{sid}/agenda/new/info",
                       data={"title-en": "Pauze"})
    assert added.status_code == 302, added.get_data(as_text=True)
    slide = int(re.search(r"#activity-(\d+)", added.headers["Location"]).group(1))
    assert carla.post(f"/console/sessions/{sid}/agenda/{slide}/delete",
                      data={"confirm": "yes"}).status_code == 302
    assert carla.post(f"/console/sessions/{sid}/privacy",
                      data={"retention_days": "30"}).status_code == 302
    assert db.session.get(Activity, slide) is None
    lines = logged(sid)
    assert [(who, action) for who, action, _t in lines] == [
        ("carla", "editor.new"), ("carla", "editor.delete"),
        ("carla", "security.console_settings")]
    assert lines[1][2] == {"activity_id": slide}


def test_the_log_line_and_the_change_are_one_commit(app, cafe_session, carla, monkeypatch):
    """If the log line cannot be written, the change is not kept either."""
    count = db.session.scalar(select(func.count(Activity.id))
                              .where(Activity.session_id == cafe_session.id))

    def broken(*_args, **_kwargs):
        raise RuntimeError("the log is broken")

    monkeypatch.setattr(log, "record", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(RuntimeError):
        carla.post(f"/console/sessions/{cafe_session.id}/agenda/new/info",
                   data={"title-en": "Niet bewaard"})
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Activity.id))
                             .where(Activity.session_id == cafe_session.id)) == count


def test_every_console_route_is_a_unit_of_work(app):
    """Every POST under /console, and every route of one session, runs in console_action."""
    walked = 0
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if not rule.rule.startswith("/console"):
            continue
        if "POST" in rule.methods:
            assert hasattr(view, "console_permission"), rule.rule
            walked += 1
        if "session_id" in rule.arguments:
            assert getattr(view, "console_permission", None), rule.rule
    assert walked > 40


def test_services_never_commit():
    """Services flush; the unit of work (HTTP) or the event pipeline (Socket.IO) commits."""
    committing = [str(path.relative_to(CAFE)) for path in CAFE.rglob("services.py")
                  if "db.session.commit(" in path.read_text()]
    assert committing == [] or committing == ["auth/services.py"], committing


def test_a_refused_action_is_neither_kept_nor_logged(cafe_session, carla):
    sid = cafe_session.id
    before = json.dumps(logged(sid))
    assert carla.post(f"/console/sessions/{sid}/agenda/title",
                      data={"title-en": ""}).status_code == 400
    assert carla.post(f"/console/sessions/{sid}/assisted",
                      data={"role": "nonsense"}).status_code == 302
    assert json.dumps(logged(sid)) == before
