"""The front page: a code box for residents, and the way in for facilitators."""


def test_home_offers_login_to_a_visitor_and_the_sessions_to_a_logged_in_facilitator(
        client, facilitator, login):
    page = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Aanmelden als begeleider" in page and 'href="/console/"' not in page

    login(client)
    # Logged in, the page speaks the facilitator's own language (English for anna).
    page = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert 'href="/console/">Your sessions<' in page
    assert "Facilitator login" not in page
