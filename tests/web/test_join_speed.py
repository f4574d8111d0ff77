"""The join flow in as few round trips as a phone on slow 4G can get (issue 29): the join page
carries its own styles, no script at all, and lets the browser fetch the phone page's files
ahead; a browser that runs scripts gets the phone page as the answer to the form (no redirect),
one without scripts (it sends the form's <noscript> field) the usual redirect; a re-scan gets
the phone page itself; static files do not vary by cookie."""

import os
import re

from sqlalchemy import func, select

from cafe.extensions import db
from cafe.participants.models import Participant

PREFETCH = re.compile(r'<link rel="prefetch" href="([^"]+)">')
LOADED = re.compile(r'(?:href|src)="(/[^"]*/static/[^"]*|/static/[^"]*)"')


def static_urls(html: str) -> set[str]:
    return {u.replace("&amp;", "&").split("#")[0] for u in LOADED.findall(html)}


def _participants() -> int:
    return db.session.scalar(select(func.count()).select_from(Participant))


def test_the_join_page_needs_no_other_file_and_prefetches_every_file_of_the_phone_page(
        client, cafe_session, join):
    code = cafe_session.code
    page = client.get(f"/j/{code}").get_data(as_text=True)
    assert '<link rel="stylesheet"' not in page
    # Only the base of the styles (css/base.css), not the phone page's and console's rest.
    with open(os.path.join(client.application.static_folder, "css", "base.css"),
              encoding="utf-8") as f:
        assert re.findall(r"<style>(.*?)</style>", page, re.S) == [f.read()]
    # No script at all, not even in the page: each costs a JavaScript context before the
    # first paint. So its policy needs no script hash either.
    assert not re.search(r"<script\b", page)
    assert client.get(f"/j/{code}").headers["Content-Security-Policy"].startswith(
        "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-")
    # The field only a browser without scripts sends (with scripts <noscript> is text).
    assert '<noscript><input type="hidden" name="noscript" value="1"></noscript>' in page
    ahead = {u.replace("&amp;", "&") for u in PREFETCH.findall(page)}
    client.set_cookie(f"cafe_p_{code}", join(code, name="Mira", language="nl"))
    phone = client.get(f"/s/{code}").get_data(as_text=True)
    needed = {u for u in static_urls(phone) if "favicon" not in u}  # the join page loads it
    assert needed and needed <= ahead, needed - ahead


def test_a_browser_with_scripts_gets_the_phone_page_as_the_answer_and_its_address(
        client, cafe_session):
    code = cafe_session.code
    answer = client.post(f"/j/{code}", data={"name": "Mira", "language": "fr"})
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert 'id="stage"' in html and 'lang="fr"' in html
    # cafe.js shows this address, so a reload asks for the page instead of posting the form.
    assert f'<meta name="cafe-address" content="/s/{code}">' in html
    assert client.get_cookie(f"cafe_p_{code}") is not None
    assert _participants() == 1
    # A re-scan: the phone page again, as the same participant.
    again = client.get(f"/j/{code}")
    assert again.status_code == 200 and 'id="stage"' in again.get_data(as_text=True)
    assert _participants() == 1


def test_without_scripts_the_form_gets_a_redirect_so_a_reload_never_posts_it_again(
        client, cafe_session):
    answer = client.post(f"/j/{cafe_session.code}", data={"name": "Mira", "noscript": "1"})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/s/{cafe_session.code}")


def test_a_cached_file_stays_valid_when_the_join_sets_a_cookie(client, cafe_session):
    """A file that varied by cookie was asked again (a round trip each) once joining had set
    the participant's cookie; and scripts and styles carry no page-only headers."""
    page = client.get(f"/j/{cafe_session.code}").get_data(as_text=True)
    for url in {u.replace("&amp;", "&") for u in PREFETCH.findall(page)}:
        response = client.get(url)
        assert "cookie" not in response.headers.get("Vary", "").lower(), url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        if response.mimetype in ("text/javascript", "text/css"):
            assert "Content-Security-Policy" not in response.headers, url
