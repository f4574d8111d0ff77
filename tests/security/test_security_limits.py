"""Rate limits on joins, failed logins and phone events; CSRF on every form; safe headers."""

from sqlalchemy import func, select

from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.security import settings
from cafe.sessions.models import CafeSession
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD, cid

OTHER_ADDRESS = {"REMOTE_ADDR": "10.1.2.3"}


def participants_in(session_id):
    return db.session.scalar(
        select(func.count()).select_from(Participant).where(Participant.session_id == session_id)
    )


def test_joins_per_address_are_limited_and_refused_clearly(app, client, cafe_session,
                                                           facilitator):
    app.config["JOINS_PER_MINUTE"] = 3
    url = f"/api/v1/join/{cafe_session.code}"
    for _ in range(3):
        assert client.post(url, json={}).status_code == 201
    refused = client.post(url, json={"name": "Vierde"})
    assert refused.status_code == 429
    body = refused.get_json()
    assert body["error"] == "rate_limited"
    assert body["retry_after"] >= 1
    assert int(refused.headers["Retry-After"]) >= 1
    assert body["message"] and "60" in body["message"]
    assert participants_in(cafe_session.id) == 3

    # The join form counts towards the same limit and answers with a readable page.
    page = client.post(f"/j/{cafe_session.code}", data={"name": "Vijfde"})
    assert page.status_code == 429
    assert 'id="rate-limited"' in page.get_data(as_text=True)

    # Another address, and another session from the same address, are not affected.
    assert client.post(url, json={}, environ_base=OTHER_ADDRESS).status_code == 201
    other = create_session(facilitator, "Elders", "en")
    db.session.commit()  # services flush; the caller commits
    assert client.post(f"/api/v1/join/{other.code}", json={}).status_code == 201
    assert participants_in(cafe_session.id) == 4


def test_facilitator_raises_the_join_limit_for_a_large_room(
    app, client, cafe_session, login, sio
):
    app.config["JOINS_PER_MINUTE"] = 2
    url = f"/api/v1/join/{cafe_session.code}"
    assert [client.post(url, json={}).status_code for _ in range(3)] == [201, 201, 429]

    console = sio(cafe_session.code, view="console", flask_client=login(app.test_client()))
    answer = console.emit("session:security", {"cid": cid(1), "joins_per_minute": 100},
                          callback=True)
    assert answer["ok"], answer
    assert answer["settings"]["joins_per_minute"] == 100
    assert client.post(url, json={}).status_code == 201


def test_console_settings_page_changes_limits_and_refuses_nonsense(app, client, login,
                                                                   cafe_session):
    login(client)
    url = f"/console/sessions/{cafe_session.id}/privacy"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="retention_days"' in page.get_data(as_text=True)
    saved = client.post(url, data={"contributions_per_minute": "250", "retention_days": "30"})
    assert saved.status_code == 302
    db.session.expire_all()
    own = settings.of(db.session.get(CafeSession, cafe_session.id))
    assert (own.contributions_per_minute, own.retention_days) == (250, 30)

    for bad in ({"retention_days": "0"}, {"joins_per_minute": "lots"},
                {"retention_days": "99999"}):
        assert client.post(url, data=bad).status_code == 400
    db.session.expire_all()
    assert settings.of(db.session.get(CafeSession, cafe_session.id)).retention_days == 30


def test_failed_logins_are_throttled_per_address_and_user(app, client, facilitator):
    app.config["LOGIN_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert client.post("/login", data={"username": "anna", "password": "wrong"}
                           ).status_code == 401
    # Even the right password waits now: guessing cannot continue at full speed.
    blocked = client.post("/login", data={"username": "anna", "password": FACILITATOR_PASSWORD})
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers
    # The same user from another address, or the right password after many good logins, work.
    ok = client.post("/login", data={"username": "anna", "password": FACILITATOR_PASSWORD},
                     environ_base=OTHER_ADDRESS)
    assert ok.status_code == 302


def test_successful_logins_do_not_count(app, facilitator):
    app.config["LOGIN_LIMIT"] = "2 per minute"
    for _ in range(5):
        fresh = app.test_client()
        assert fresh.post("/login", data={"username": "anna", "password": FACILITATOR_PASSWORD}
                          ).status_code == 302


def test_phone_events_are_limited_per_participant(app, join, sio, cafe_session, client, login):
    app.config["CONTRIBUTIONS_PER_MINUTE"] = 3
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    other = sio(cafe_session.code, token=join(cafe_session.code))
    answers = [phone.emit("me:withdraw", {"cid": cid(i)}, callback=True) for i in range(4)]
    assert [a["ok"] for a in answers] == [True, True, True, False]
    assert answers[3]["error"] == "rate_limited"
    assert answers[3]["retry_after"] >= 1
    assert answers[3]["message"]
    # A resent event that was already applied is answered, not counted or refused.
    again = phone.emit("me:withdraw", {"cid": cid(0)}, callback=True)
    assert again["ok"] and again["replayed"]
    # Someone else at the same table is not slowed down.
    assert other.emit("me:withdraw", {"cid": cid(10)}, callback=True)["ok"]

    # The facilitator raises the limit; the refused phone goes on.
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    assert console.emit("session:security",
                        {"cid": cid(20), "contributions_per_minute": 50}, callback=True)["ok"]
    assert phone.emit("me:withdraw", {"cid": cid(3)}, callback=True)["ok"]
    # The console itself is never limited.
    for i in range(6):
        assert console.emit("activity:show", {"cid": cid(30 + i),
                            "activity": cafe_session.activities[0].id}, callback=True)["ok"]


def test_phone_events_are_limited_per_address(app, join, sio, cafe_session):
    app.config["EVENTS_PER_MINUTE_PER_IP"] = 4
    phones = [sio(cafe_session.code, token=join(cafe_session.code)) for _ in range(3)]
    oks = [p.emit("me:withdraw", {"cid": cid(f"{n}-{i}")}, callback=True)["ok"]
           for i in range(2) for n, p in enumerate(phones)]
    assert oks.count(True) == 4
    assert oks[4:] == [False, False]


def test_limits_can_be_switched_off(app, client, join, sio, cafe_session):
    app.config.update(JOINS_PER_MINUTE=1, CONTRIBUTIONS_PER_MINUTE=1, RATELIMIT_ENABLED=False)
    url = f"/api/v1/join/{cafe_session.code}"
    assert [client.post(url, json={}).status_code for _ in range(3)] == [201, 201, 201]
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    assert all(phone.emit("me:withdraw", {"cid": cid(i)}, callback=True)["ok"] for i in range(3))


def test_settings_refuse_values_out_of_range(sio, cafe_session, client, login):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    for bad in ({"retention_days": 0}, {"retention_days": 100_000},
                {"contributions_per_minute": -5}, {"joins_per_minute": "many"}):
        answer = console.emit("session:security", {"cid": cid(str(bad)[2:9].replace("'", "")),
                              **bad}, callback=True)
        assert answer["ok"] is False and answer["error"] == "invalid", (bad, answer)
