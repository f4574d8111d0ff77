from sqlalchemy import func, select

from cafe.extensions import db
from cafe.participants.models import Participant


def count_participants():
    return db.session.scalar(select(func.count()).select_from(Participant))


def test_join_page_and_form_set_a_cookie_that_brings_the_phone_back(client, cafe_session):
    page = client.get(f"/j/{cafe_session.code.lower()}")
    assert page.status_code == 200
    assert b'name="name"' in page.data
    # A browser without scripts (the form's <noscript> field): a redirect to the phone page.
    response = client.post(f"/j/{cafe_session.code}", data={
        "name": "Fatima", "role": "resident", "language": "fr", "noscript": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/s/{cafe_session.code}")
    cookie = client.get_cookie(f"cafe_p_{cafe_session.code}")
    assert cookie is not None and cookie.http_only
    # Coming back with the cookie skips the form: the phone page itself (no redirect: a round
    # trip less on a slow network), same identity, no second participant.
    again = client.get(f"/j/{cafe_session.code}")
    assert again.status_code == 200
    assert b'name="name"' not in again.data and b'id="stage"' in again.data
    assert count_participants() == 1
    phone = client.get(f"/s/{cafe_session.code}")
    assert phone.status_code == 200
    assert b'lang="fr"' in phone.data


def test_unknown_code_gets_a_clear_page(client):
    response = client.get("/j/QQQQQQ")
    assert response.status_code == 404
    assert b"QQQQQQ" in response.data


def test_anonymous_join_with_empty_name(client, cafe_session):
    response = client.post(f"/j/{cafe_session.code}", data={"name": "   "})
    assert response.status_code == 200 and b'id="stage"' in response.data
    participant = db.session.scalar(select(Participant))
    assert participant.name is None and participant.role is None


def test_too_long_name_is_refused_and_nothing_stored(client, cafe_session):
    response = client.post(f"/j/{cafe_session.code}", data={"name": "x" * 10_000})
    assert response.status_code == 400
    assert b"too long" in response.data
    assert count_participants() == 0
    api = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": "x" * 10_000})
    assert api.status_code == 400
    assert api.get_json()["error"] == "invalid"
    assert count_participants() == 0


def test_bad_role_language_and_body_are_refused(client, cafe_session):
    url = f"/api/v1/join/{cafe_session.code}"
    assert client.post(url, json={"role": "king"}).status_code == 400
    assert client.post(url, json={"language": "xx"}).status_code == 400
    assert client.post(f"/api/v1/join/{cafe_session.code}", json=[1, 2]).status_code == 400
    assert client.post(f"/api/v1/join/{cafe_session.code}", data="{").status_code == 400
    assert count_participants() == 0


def test_phone_page_without_token_goes_to_join(client, cafe_session):
    response = client.get(f"/s/{cafe_session.code}")
    assert response.status_code == 302
    assert f"/j/{cafe_session.code}" in response.headers["Location"]


def test_health_and_qr(client, cafe_session):
    assert client.get("/healthz").get_json()["database"] == "ok"
    svg = client.get(f"/qr/{cafe_session.code}.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert b"<svg" in svg.data
    assert client.get("/qr/QQQQQQ.svg").status_code == 404
