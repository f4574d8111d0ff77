"""Logging out ends the login on the server: cookies copied before logout (the session and
"remember me") no longer open the console; a new password ends every login; the remember
cookie is as strict as the session cookie."""

from datetime import UTC, datetime, timedelta

from cafe.auth.models import Facilitator
from cafe.auth.services import change_password
from cafe.extensions import db
from tests.support.factories import FACILITATOR_PASSWORD


def cookies_of(client) -> dict:
    return {name: client.get_cookie(name).value for name in ("session", "remember_token")
            if client.get_cookie(name) is not None}


def replay(app, cookies: dict, only: str):
    thief = app.test_client()
    thief.set_cookie(only, cookies[only])
    return thief.get("/console/")


def test_cookies_from_before_logout_no_longer_open_the_console(app, client, login, facilitator):
    login(client)
    kept = cookies_of(client)
    assert set(kept) == {"session", "remember_token"}
    for name in kept:
        assert replay(app, kept, name).status_code == 200, name  # each alone logs in
    assert client.post("/logout").status_code == 302
    for name in kept:
        assert replay(app, kept, name).status_code == 302, name  # to the login page
    login(client)  # logging in again works
    assert client.get("/console/").status_code == 200


def test_a_new_password_ends_every_login(app, client, login, facilitator):
    login(client)
    kept = cookies_of(client)
    change_password(db.session.get(Facilitator, facilitator.id), "nieuw-wachtwoord-1")
    for name in kept:
        assert replay(app, kept, name).status_code == 302, name


def test_the_remember_cookie_is_http_only_same_site_secure_and_short(app, client, facilitator):
    app.config["REMEMBER_COOKIE_SECURE"] = True  # what config.load derives, see below
    answer = client.post("/login", data={"username": facilitator.username,
                                         "password": FACILITATOR_PASSWORD})
    assert answer.status_code == 302
    remember = next(c for c in answer.headers.getlist("Set-Cookie")
                    if c.startswith("remember_token="))
    attributes = {part.strip().split("=")[0].lower(): part.strip()
                  for part in remember.split(";")[1:]}
    assert "httponly" in attributes and "secure" in attributes
    assert attributes["samesite"].lower() == "samesite=lax"
    expires = datetime.strptime(attributes["expires"].split("=", 1)[1],
                                "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
    assert expires < datetime.now(UTC) + timedelta(days=31)


def test_remember_cookie_secure_follows_the_session_setting(tmp_path, monkeypatch):
    from cafe import config

    monkeypatch.setenv("CAFE_SESSION_COOKIE_SECURE", "true")
    assert config.load(str(tmp_path))["REMEMBER_COOKIE_SECURE"] is True
    monkeypatch.setenv("CAFE_SESSION_COOKIE_SECURE", "false")
    assert config.load(str(tmp_path))["REMEMBER_COOKIE_SECURE"] is False
