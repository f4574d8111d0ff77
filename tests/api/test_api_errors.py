"""Every error of /api/v1 is JSON with a code and a translated message, whatever broke."""

import pytest

NESTED = "[" * 100_000 + "]" * 100_000


def assert_json_error(response, status, code=None):
    assert response.status_code == status, response.data[:200]
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert body["ok"] is False and body["message"]
    if code:
        assert body["error"] == code


@pytest.mark.parametrize("body", [NESTED, '{"name":' + NESTED + "}", "{broken", "\x00\xff"])
def test_deeply_nested_or_broken_json_gets_a_json_400(client, cafe_session, body):
    response = client.post(f"/api/v1/join/{cafe_session.code}", data=body,
                           content_type="application/json")
    assert_json_error(response, 400, "bad_request")


def test_a_crash_inside_the_api_is_a_json_500_in_the_users_language(app, client, cafe_session,
                                                                    monkeypatch):
    from cafe.participants import services

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "join", broken)
    response = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": "Ann"},
                           headers={"Accept-Language": "nl"})
    assert_json_error(response, 500, "server_error")
    assert response.get_json()["message"] == "Er ging iets mis op de server. Probeer het opnieuw."



def test_an_unknown_api_path_or_method_is_a_json_error_not_an_html_page(client, cafe_session):
    assert_json_error(client.get("/api/v1/no-such-route"), 404, "not_found")
    assert_json_error(client.delete(f"/api/v1/join/{cafe_session.code}"), 405,
                      "method_not_allowed")
    # Outside the API the HTML pages stay as they were.
    page = client.get("/no-such-page")
    assert page.status_code == 404 and not page.is_json
