"""The console as a presenter: opening closes the activity before (unless kept open), Next and
Previous walk the agenda, and the projector's join screen and strip are session settings."""

import pytest

from cafe.core import Refusal
from cafe.extensions import db
from cafe.sessions import services
from cafe.sessions.display import projector_display, set_projector_display
from cafe.sessions.models import CafeSession
from tests.support.factories import cid, received


def statuses(session):
    db.session.refresh(session)
    return [a.status for a in session.activities]


def test_opening_closes_the_activity_before(cafe_session):
    welcome, board, vote = cafe_session.activities[:3]
    services.set_status(welcome, "open")
    services.set_status(board, "open")
    assert statuses(cafe_session)[:3] == ["closed", "open", "pending"]
    assert cafe_session.current_activity_id == board.id
    changes = services.set_status(vote, "open")
    assert {board.id, vote.id} <= changes.activities  # the closed one is broadcast too
    assert statuses(cafe_session)[:3] == ["closed", "closed", "open"]


def test_keep_open_leaves_the_other_activity_open(cafe_session):
    welcome, board = cafe_session.activities[:2]
    services.set_status(welcome, "open")
    services.set_status(board, "open", keep_open=True)
    assert statuses(cafe_session)[:2] == ["open", "open"]
    assert cafe_session.current_activity_id == board.id


def test_next_and_previous_walk_the_agenda(cafe_session):
    agenda = cafe_session.activities
    opened = []
    for _ in agenda:
        activity, _changes = services.step(cafe_session, +1)
        opened.append(activity.id)
        assert [a.id for a in agenda if a.status == "open"] == [activity.id]
    assert opened == [a.id for a in agenda]
    with pytest.raises(Refusal) as refused:
        services.step(cafe_session, +1)
    assert refused.value.code == "no_next"
    activity, _changes = services.step(cafe_session, -1, keep_open=True)
    assert activity.id == agenda[-2].id
    assert [a.status for a in agenda][-2:] == ["open", "open"]


def test_previous_without_a_current_activity_is_refused(cafe_session):
    with pytest.raises(Refusal) as refused:
        services.step(cafe_session, -1)
    assert refused.value.code == "no_previous"


def test_projector_display_defaults_and_changes(cafe_session):
    assert projector_display(cafe_session) == {"join_screen": False, "join_strip": True}
    set_projector_display(cafe_session, join_strip=False)
    set_projector_display(cafe_session, join_screen=True, join_strip=None)
    db.session.commit()
    db.session.expire_all()
    session = db.session.get(CafeSession, cafe_session.id)
    assert projector_display(session) == {"join_screen": True, "join_strip": False}


def test_console_events_reach_the_projector(sio, client, login, cafe_session):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    projector = sio(cafe_session.code, view="projector", key=cafe_session.projector_key)
    received(projector, "state")
    answer = console.emit("activity:next", {"cid": cid("n1")}, callback=True)
    assert answer["ok"] and answer["activity"] == cafe_session.activities[0].id
    answer = console.emit("activity:next", {"cid": cid("n2")}, callback=True)
    assert answer["activity"] == cafe_session.activities[1].id
    header = received(projector, "session")[-1]
    assert header["current"] == cafe_session.activities[1].id
    assert [a["status"] for a in header["agenda"]][:2] == ["closed", "open"]

    answer = console.emit("session:projector", {"cid": cid("d1"), "join_screen": True},
                          callback=True)
    assert answer["ok"] and answer["projector"] == {"join_screen": True, "join_strip": True}
    assert received(projector, "session")[-1]["projector"]["join_screen"] is True

    answer = console.emit("activity:open", {"cid": cid("o1"), "activity":
                                            cafe_session.activities[2].id, "keep_open": True},
                          callback=True)
    assert answer["ok"]
    agenda = received(projector, "session")[-1]["agenda"]
    assert [a["status"] for a in agenda][:3] == ["closed", "open", "open"]


def test_a_phone_cannot_drive_the_projector(sio, join, cafe_session):
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    answer = phone.emit("session:projector", {"cid": cid("p1"), "join_screen": True},
                        callback=True)
    assert answer["ok"] is False
    answer = phone.emit("activity:next", {"cid": cid("p2")}, callback=True)
    assert answer["ok"] is False


def test_only_the_projector_may_be_framed_and_only_by_this_site(client, login, cafe_session):
    login(client)
    projector = client.get(f"/p/{cafe_session.code}?key={cafe_session.projector_key}")
    assert projector.status_code == 200
    assert "frame-ancestors 'self'" in projector.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in projector.headers["Content-Security-Policy"]
    assert projector.headers["X-Frame-Options"] == "SAMEORIGIN"
    console = client.get(f"/console/sessions/{cafe_session.id}")
    assert "frame-ancestors 'none'" in console.headers["Content-Security-Policy"]
    assert console.headers["X-Frame-Options"] == "DENY"
    # The console frames the projector page for its thumbnail.
    assert f'src="http://localhost/p/{cafe_session.code}?key=' in console.get_data(as_text=True)


def test_ending_the_session_closes_everything_and_the_door(sio, client, join, login,
                                                           cafe_session):
    """Issue 16 item 4: a session stops accepting joins when the facilitator ends it; whoever
    is in stays in."""
    token = join(cafe_session.code, name="Mina")
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    projector = sio(cafe_session.code, view="projector", key=cafe_session.projector_key)
    received(projector, "state")
    console.emit("activity:next", {"cid": cid("e1")}, callback=True)
    console.emit("activity:open", {"cid": cid("e2"), "keep_open": True,
                                   "activity": cafe_session.activities[1].id}, callback=True)
    answer = console.emit("session:end", {"cid": cid("e3")}, callback=True)
    assert answer["ok"] and answer["joins_open"] is False
    agenda = received(projector, "session")[-1]["agenda"]
    assert "open" not in [a["status"] for a in agenda]

    refused = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": "Laat"})
    assert refused.status_code == 400 and refused.get_json()["error"] == "closed"
    phone = sio(cafe_session.code, token=token)  # the people inside stay in
    assert received(phone, "state")
