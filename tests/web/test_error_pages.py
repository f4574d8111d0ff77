"""Error pages speak the reader's language, look like the product, and lead back (issue 25)."""

import pytest
from flask import abort

TITLES = {
    404: {"nl": "Pagina niet gevonden", "fr": "Page introuvable", "en": "Page not found"},
    403: {"nl": "U mag deze pagina niet openen", "fr": "Vous ne pouvez pas ouvrir cette page",
          "en": "You may not open this page"},
}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_an_unknown_page_answers_in_the_readers_language_with_a_way_back(client, language):
    response = client.get("/no/such/page", headers={"Accept-Language": language})
    assert response.status_code == 404
    html = response.data.decode()
    assert f'<html lang="{language}"' in html
    assert TITLES[404][language] in html
    assert 'href="/"' in html  # the way back to the start page
    assert "css/cafe.css" in html  # the product's own layout, not Werkzeug's page


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_page_of_another_role_answers_403_in_the_facilitators_language(
        app, client, other_facilitator, login, language):
    other_facilitator.language = language
    from cafe.extensions import db

    db.session.commit()
    login(client, "bert")
    response = client.get("/console/accounts")
    assert response.status_code == 403
    html = response.data.decode()
    assert TITLES[403][language] in html
    assert 'href="/console/"' in html  # a logged-in facilitator goes back to the sessions


def test_gone_and_server_errors_have_their_own_pages(app, client):
    @app.get("/test-gone")
    def gone():
        abort(410)

    @app.get("/test-broken")
    def broken():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    gone_page = client.get("/test-gone", headers={"Accept-Language": "nl"})
    assert gone_page.status_code == 410
    assert "Deze link is niet meer geldig" in gone_page.data.decode()
    broken_page = client.get("/test-broken", headers={"Accept-Language": "fr"})
    assert broken_page.status_code == 500
    assert "Un problème est survenu de notre côté" in broken_page.data.decode()
    assert "boom" not in broken_page.data.decode()


def test_an_expired_form_says_so_in_plain_words(app, client, cafe_session):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/join", data={"code": cafe_session.code},
                           headers={"Accept-Language": "nl"})
    assert response.status_code == 400
    html = response.data.decode()
    assert "Dit formulier is verlopen" in html
    assert "CSRF" not in html


def test_the_json_api_keeps_answering_in_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["ok"] is False
