"""Guessing join codes: unknown codes count per address across all codes and routes (join
page, join form, API, QR image, live connection); over the limit every code lookup from that
address is refused with 429, while other addresses are not affected."""

import random
import string

from flask_socketio import SocketIOTestClient

from cafe.extensions import socketio


def guesses(n: int, seed: int = 4) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(string.ascii_uppercase) for _ in range(6)) for _ in range(n)]


def test_unknown_codes_are_limited_per_address_across_codes_and_routes(app, client,
                                                                       cafe_session):
    app.config["UNKNOWN_CODE_LIMIT"] = "12 per 10 minutes"
    ways = [lambda c: client.get(f"/j/{c}"), lambda c: client.post(f"/api/v1/join/{c}", json={}),
            lambda c: client.get(f"/api/v1/join/{c}"), lambda c: client.get(f"/qr/{c}.svg"),
            lambda c: client.post(f"/j/{c}", data={"language": "nl"})]
    codes = guesses(40)
    answers = [ways[n % len(ways)](code).status_code for n, code in enumerate(codes)]
    assert answers[:12] == [404] * 12
    assert set(answers[12:]) == {429}
    # Found or not, the guesser learns nothing more: the real code is refused too.
    assert client.get(f"/api/v1/join/{cafe_session.code}").status_code == 429
    refused = client.post(f"/api/v1/join/{cafe_session.code}", json={})
    assert refused.get_json()["error"] == "rate_limited" and refused.headers["Retry-After"]
    # Someone else in the same café is not affected.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.8.7"
    assert other.get(f"/api/v1/join/{cafe_session.code}").status_code == 200


def test_live_connections_with_unknown_codes_count_too(app, client, cafe_session):
    app.config["UNKNOWN_CODE_LIMIT"] = "5 per 10 minutes"
    app.config["TRUSTED_PROXIES"] = 1  # the address from the proxy's header, as deployed
    address = {"X-Forwarded-For": "10.1.2.3"}
    for code in guesses(5, seed=9):
        with app.app_context():
            probe = SocketIOTestClient(app, socketio, auth={"session": code, "view": "phone"},
                                       headers=address)
        assert not probe.is_connected()
    assert client.get(f"/j/{cafe_session.code}", headers=address).status_code == 429
    assert client.get(f"/j/{cafe_session.code}",
                      headers={"X-Forwarded-For": "10.1.2.4"}).status_code == 200


def test_the_facilitator_closes_the_door_once_everyone_is_in(app, client, login, cafe_session,
                                                             join):
    token = join(cafe_session.code, name="Al binnen")
    owner = login(app.test_client())
    settings_page = f"/console/sessions/{cafe_session.id}/privacy"
    form = {"retention_days": "365", "joins_per_minute": "60",
            "contributions_per_minute": "30", "events_per_minute_per_ip": "600"}
    assert owner.post(settings_page, data=form).status_code == 302  # box unticked: closed
    refused = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": "Laat"},
                          headers={"Accept-Language": "nl"})
    assert refused.status_code == 400
    assert refused.get_json()["error"] == "closed"
    assert "geen nieuwe deelnemers" in refused.get_json()["message"]
    page = client.post(f"/j/{cafe_session.code}", data={"language": "nl"},
                       follow_redirects=True).get_data(as_text=True)
    assert "does not accept new participants" in page or "geen nieuwe deelnemers" in page
    inside = app.test_client()  # who is in stays in
    inside.set_cookie(f"cafe_p_{cafe_session.code}", token)
    assert inside.get(f"/s/{cafe_session.code}").status_code == 200
    owner.post(settings_page, data={**form, "joins_open": "1"})
    assert client.post(f"/api/v1/join/{cafe_session.code}", json={}).status_code == 201
