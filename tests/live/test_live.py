"""The live layer through Flask-SocketIO's test client."""

from sqlalchemy import func, select

from cafe.extensions import db
from cafe.live.idempotency import ProcessedEvent
from cafe.sessions.models import Activity, CafeSession
from cafe.sessions.services import create_session
from cafe.sessions.views import activity_view, session_header
from tests.support.factories import cid, received


def test_phone_gets_state_equal_to_database(sio, join, cafe_session):
    token = join(cafe_session.code, name="Jan")
    phone = sio(cafe_session.code, token=token)
    assert phone.is_connected()
    state = received(phone, "state")[0]
    db.session.expire_all()
    session = db.session.get(CafeSession, cafe_session.id)
    assert state["session"] == session_header(session)
    assert state["me"]["name"] == "Jan"
    assert "token" not in str(state)


def test_reconnect_gets_current_state(sio, join, cafe_session, client, login):
    token = join(cafe_session.code)
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    first = cafe_session.activities[0].id
    assert console.emit("activity:open", {"cid": cid(1), "activity": first}, callback=True)["ok"]
    phone = sio(cafe_session.code, token=token)
    state = received(phone, "state")[0]
    assert state["session"]["current"] == first
    db.session.expire_all()
    activity = db.session.get(Activity, first)
    assert state["activities"][str(first)] == activity_view(activity, "phone")
    phone.disconnect()
    again = sio(cafe_session.code, token=token)
    assert received(again, "state")[0]["me"] == state["me"]


def test_unknown_session_and_missing_token_are_refused(sio, cafe_session):
    assert not sio("QQQQQQ").is_connected()
    assert not sio(cafe_session.code).is_connected()
    assert not sio(cafe_session.code, token="made-up").is_connected()
    assert not sio(cafe_session.code, view="projector").is_connected()
    assert not sio(cafe_session.code, view="projector", key="wrong").is_connected()
    assert sio(cafe_session.code, view="projector", key=cafe_session.projector_key).is_connected()


def test_participant_cannot_act_in_another_session(sio, join, cafe_session, facilitator):
    other = create_session(facilitator, "Other", "en")
    db.session.commit()  # services flush; the caller commits
    token = join(cafe_session.code)
    assert not sio(other.code, token=token).is_connected()


def test_non_owner_cannot_control_a_session(sio, join, cafe_session, client, login, app):
    outsider = app.test_client()
    from cafe.auth.services import create_facilitator
    from tests.support.factories import FACILITATOR_PASSWORD

    create_facilitator("bert", FACILITATOR_PASSWORD)
    console = sio(cafe_session.code, view="console", flask_client=login(outsider, "bert"))
    assert not console.is_connected()
    assert outsider.get(f"/console/sessions/{cafe_session.id}").status_code == 404
    assert outsider.get(f"/p/{cafe_session.code}").status_code == 403
    assert outsider.get(f"/api/v1/sessions/{cafe_session.id}/results").status_code == 404
    # A phone cannot send the console's events either.
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    answer = phone.emit("activity:open", {"cid": cid(1), "activity": cafe_session.activities[0].id},
                        callback=True)
    assert answer["error"] == "forbidden"
    assert db.session.get(Activity, cafe_session.activities[0].id).status == "pending"


def test_replayed_event_is_applied_once(sio, cafe_session, client, login):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    first, second = cafe_session.activities[0].id, cafe_session.activities[1].id
    event = {"cid": cid("replay"), "activity": first}
    a = console.emit("activity:open", event, callback=True)
    assert a["ok"] and not a.get("replayed")
    assert console.emit("activity:open", {"cid": cid(2), "activity": second}, callback=True)["ok"]
    b = console.emit("activity:open", event, callback=True)
    assert b["ok"] and b["replayed"]
    # The replay did not move the session back to the first activity.
    db.session.expire_all()
    assert db.session.get(CafeSession, cafe_session.id).current_activity_id == second
    count = db.session.scalar(select(func.count()).select_from(ProcessedEvent))
    assert count == 2


def test_malformed_payloads_change_nothing(sio, cafe_session, client, login):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    first = cafe_session.activities[0].id
    for bad in (None, "text", 42, [1], {"activity": first}, {"cid": "x", "activity": first},
                {"cid": cid(9), "activity": "one"}, {"cid": cid(9), "activity": -1},
                {"cid": cid(9), "activity": 99999}, {"cid": "y" * 10_000, "activity": first},
                {"cid": cid(9), "activity": {"a": [[[[]]]]}}):
        answer = console.emit("activity:open", bad, callback=True)
        assert answer["ok"] is False, bad
        assert answer["message"]
    db.session.expire_all()
    assert db.session.get(Activity, first).status == "pending"
    assert db.session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def test_opening_an_activity_reaches_projector_and_phones(sio, join, cafe_session, client, login):
    projector = sio(cafe_session.code, view="projector", key=cafe_session.projector_key)
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    projector.get_received(), phone.get_received()
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    first = cafe_session.activities[0]
    console.emit("activity:open", {"cid": cid(3), "activity": first.id}, callback=True)
    for c in (projector, phone):
        got = c.get_received()
        sessions = [m["args"][0] for m in got if m["name"] == "session"]
        views = [m["args"][0] for m in got if m["name"] == "activity"]
        assert sessions[-1]["current"] == first.id
        assert views[-1]["title"] == first.title and views[-1]["status"] == "open"


def test_projector_count_goes_up_when_a_phone_joins(sio, join, cafe_session):
    projector = sio(cafe_session.code, view="projector", key=cafe_session.projector_key)
    assert received(projector, "state")[0]["participants"]["joined"] == 0
    join(cafe_session.code, role="volunteer")
    counts = received(projector, "participants")[-1]
    assert counts["joined"] == 1 and counts["by_role"] == {"volunteer": 1}


def test_console_adds_assisted_participant_and_only_it_may_act_for_them(
    sio, join, cafe_session, client, login
):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    answer = console.emit("participant:add_assisted", {"cid": cid("as1"), "name": "Mevr. Peeters",
                                                       "role": "resident"}, callback=True)
    assert answer["ok"] and answer["participant"]["assisted"] is True
    assisted_id = answer["participant"]["id"]
    counts = received(console, "participants")[-1]
    assert counts["joined"] == 1 and counts["assisted"][0]["name"] == "Mevr. Peeters"
    # A phone may not act on anyone's behalf; the console not for a phone-owning participant.
    token = join(cafe_session.code)
    phone = sio(cafe_session.code, token=token)
    first = cafe_session.activities[0].id
    denied = phone.emit("activity:open", {"cid": cid("as2"), "activity": first,
                                          "on_behalf": assisted_id}, callback=True)
    assert denied["error"] == "forbidden"
    phone_id = received(phone, "state")[0]["me"]["id"]
    denied = console.emit("activity:open", {"cid": cid("as3"), "activity": first,
                                            "on_behalf": phone_id}, callback=True)
    assert denied["error"] == "forbidden"
