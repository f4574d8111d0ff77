"""A session renamed in the editor during the evening: the open French phone's header and tab,
and the projector's join screen (the Dutch title, the French one under it), show the new
title without anyone reloading."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]

OLD_NL = "Kick-off café: waar brandt het in onze buurt?"
OLD_FR = "Café de lancement : où le bât blesse-t-il dans notre quartier ?"
NEW_NL = "Wijkcafé Zuid: wat pakken we aan?"
NEW_FR = "Café du quartier Sud : par quoi commencer ?"


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(shared=True)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_renamed_session_shows_on_open_phones_and_the_projector(server, browser):
    http = server.login()
    # A Dutch evening in Dutch and French, from the kick-off plan (its title in both).
    token = _csrf(http.get(server.url + "/console/", timeout=10).text)
    created = http.post(server.url + "/console/sessions", data={
        "title": "", "language": "nl", "plan": "kickoff-buurtanalyse", "csrf_token": token},
        allow_redirects=False, timeout=10)
    session_id = int(created.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    code = http.get(f"{server.url}/api/v1/sessions/{session_id}",
                    timeout=10).json()["session"]["code"]
    console = http.get(f"{server.url}/console/sessions/{session_id}", timeout=10).text
    key = re.search(r"/p/\w+\?key=([\w-]+)", console).group(1)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                locale="fr").new_page()
    phone.goto(f"{server.url}/j/{code}?lang=fr")
    phone.get_by_label("Français").check()
    phone.get_by_role("button", name="Participer").click()
    phone.wait_for_url(f"**/s/{code}")
    phone.locator(".waiting").wait_for()  # connected: the live page has its state
    expect(phone.locator(".phone-title")).to_have_text(OLD_FR)

    projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    projector.goto(f"{server.url}/p/{code}?key={key}")
    expect(projector.locator("#join-screen")).to_be_visible()  # connected: nothing is open yet
    expect(projector.locator("#join-title")).to_have_text(OLD_NL)
    expect(projector.locator(".join-title-other")).to_have_text([OLD_FR])

    # The facilitator renames the evening in the editor, as the form posts it.
    agenda = f"{server.url}/console/sessions/{session_id}/agenda"
    saved = http.post(agenda + "/title", data={
        "title-nl": NEW_NL, "title-fr": NEW_FR, "csrf_token": _csrf(http.get(agenda).text)},
        allow_redirects=False, timeout=10)
    assert saved.status_code == 302, saved.text

    expect(phone.locator(".phone-title")).to_have_text(NEW_FR)
    expect(phone).to_have_title(NEW_FR)
    expect(projector.locator("#join-title")).to_have_text(NEW_NL)
    expect(projector.locator(".join-title-other")).to_have_text([NEW_FR])
    expect(projector.locator(".join-title-other")).to_have_attribute("lang", "fr")
    expect(projector).to_have_title(NEW_NL)

    # The French version emptied: the French phone falls back to the session's Dutch title,
    # and the projector has no second line left.
    http.post(agenda + "/title", data={
        "title-nl": NEW_NL, "title-fr": "", "csrf_token": _csrf(http.get(agenda).text)},
        allow_redirects=False, timeout=10)
    expect(phone.locator(".phone-title")).to_have_text(NEW_NL)
    expect(projector.locator(".join-title-other")).to_have_count(0)
    expect(projector.locator("#join-title")).to_have_text(NEW_NL)
    phone.context.close()
    projector.context.close()
