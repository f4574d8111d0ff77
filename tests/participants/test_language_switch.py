"""A phone switches from Dutch to French in the middle of writing a card: the page speaks French
afterwards and the half-written card is still there."""

import pytest

from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="kickoff-buurtanalyse", shared=True)
    session = live.session
    board = session["activities"][1]
    console = Recorder(live.url, {"session": session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    assert console.call("activity:open", {"cid": cid("open-board"), "activity": board})["ok"]
    console.close()
    return live


def test_switching_language_keeps_the_draft(server, browser):
    code = server.session["code"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{code}?lang=nl")
    phone.locator("input[name=language][value=nl]").check()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/s/{code}")
    assert phone.locator("html").get_attribute("lang") == "nl"
    draft = "Te weinig bankjes op het plein voor wie slecht te been is"
    phone.locator(".board-text").fill(draft)

    phone.select_option("#lang-select", "fr")
    phone.wait_for_function("() => document.documentElement.lang === 'fr'")
    phone.locator(".board-text").wait_for()
    assert phone.locator(".board-text").input_value() == draft
    assert phone.locator("label[for=lang-select]").inner_text() == "Langue"
    context.close()
