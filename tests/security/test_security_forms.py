"""CSRF on every form, cookie flags, the Content-Security-Policy and escaping of user text."""

import base64
import hashlib
import re

from cafe.participants import services as participants
from tests.support.factories import FACILITATOR_PASSWORD

# RFC 8058: a mail program's one-click "unsubscribe" POST carries no form token; the signed
# link is the proof (tests/delphi/test_mail_choices.py, the one-click stop link test).
ONE_CLICK = {"panelist.stop"}
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_every_form_post_needs_a_csrf_token(app, client, login, cafe_session, join):
    """With CSRF on (as in production), every POST outside the JSON API is refused without a
    token, whoever sends it. Routes are discovered, so later features are covered too."""
    login(client)
    client.set_cookie(participants.cookie_name(cafe_session.code), join(cafe_session.code))
    app.config["WTF_CSRF_ENABLED"] = True
    checked = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        if rule.endpoint in ONE_CLICK:
            # No form token by design: a bad signature is refused all the same.
            assert client.post(rule.build({"token": "forged"})[1]).status_code == 404
            continue
        values = {a: cafe_session.id if "id" in a else cafe_session.code for a in rule.arguments}
        path = rule.build(values)[1]
        response = client.post(path, data={"confirm": cafe_session.code, "title": "x"})
        assert response.status_code == 400, path
        checked.append(path)
    assert f"/console/sessions/{cafe_session.id}/delete" in checked
    assert "/login" in checked and f"/j/{cafe_session.code}" in checked


def test_login_form_works_with_its_token(app, facilitator):
    app.config["WTF_CSRF_ENABLED"] = True
    browser = app.test_client()
    page = browser.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = browser.post("/login", data={"username": "anna", "password": FACILITATOR_PASSWORD,
                                            "csrf_token": token})
    assert response.status_code == 302


def test_cookies_are_http_only_and_same_site(app, client, cafe_session, facilitator):
    response = client.post(f"/j/{cafe_session.code}", data={"name": "Jan"})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(participants.cookie_name(cafe_session.code))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    login = app.test_client().post("/login", data={"username": "anna",
                                                   "password": FACILITATOR_PASSWORD})
    for header in login.headers.getlist("Set-Cookie"):
        assert "HttpOnly" in header


def test_pages_carry_a_strict_csp_and_no_inline_scripts_or_styles(app, client, login,
                                                                  cafe_session, join):
    owner = login(app.test_client())
    phone = app.test_client()
    phone.set_cookie(participants.cookie_name(cafe_session.code), join(cafe_session.code))
    pages = [
        (client, "/"), (client, "/login"), (client, f"/j/{cafe_session.code}"),
        (client, f"/j/{cafe_session.code}/privacy"), (phone, f"/s/{cafe_session.code}"),
        (owner, "/console/"), (owner, f"/console/sessions/{cafe_session.id}"),
        (owner, f"/console/sessions/{cafe_session.id}/privacy"),
        (client, f"/p/{cafe_session.code}?key={cafe_session.projector_key}"),
    ]
    for who, url in pages:
        response = who.get(url)
        assert response.status_code == 200, url
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        # Only the projector may be framed, by this site only: the console's live thumbnail.
        framing = "SAMEORIGIN" if url.startswith("/p/") else "DENY"
        assert response.headers["X-Frame-Options"] == framing, url
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<script\b[^>]*>", html):
            inline = tag == "<script>"  # checked by hash below
            assert "src=" in tag or 'type="application/json"' in tag or inline, (url, tag)
        # An inline script or style (the join page's own files, cafe/web/inline.py) runs only
        # because the policy names its exact text by hash.
        for tag, directive in (("script", "script-src"), ("style", "style-src")):
            allowed = re.search(rf"{directive} ([^;]*)", csp).group(1).split()
            for text in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S):
                digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in allowed, (url, tag)
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_user_text_is_escaped_everywhere_it_is_shown(app, client, login, facilitator):
    from cafe.extensions import db
    from cafe.sessions.services import create_session

    session = create_session(facilitator, XSS, "en")
    db.session.commit()  # services flush; the caller commits
    owner = login(app.test_client())
    token = client.post(f"/api/v1/join/{session.code}", json={"name": "<script>alert(2)</script>"}
                        ).get_json()["token"]
    phone = app.test_client()
    phone.set_cookie(participants.cookie_name(session.code), token)
    for who, url in ((client, f"/j/{session.code}"), (phone, f"/s/{session.code}"),
                     (owner, f"/console/sessions/{session.id}"), (owner, "/console/"),
                     (client, f"/p/{session.code}?key={session.projector_key}")):
        html = who.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url
