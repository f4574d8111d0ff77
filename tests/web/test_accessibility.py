"""axe-core on every page a person sees, in Dutch, French, English and Arabic: no serious or
critical violations. The phone is checked on every activity of the demo plan, one after the
other, and on the privacy page and the accessibility statement."""


import pytest
import requests

from tests.support.axe import audit
from tests.support.console import new_session
from tests.support.factories import FACILITATOR_PASSWORD, cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

LANGUAGES = ("nl", "fr", "en", "ar")
DEMO_PLAN = "kickoff-buurtanalyse"


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(plan=DEMO_PLAN, shared=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_have_no_serious_violations(server, browser, lang):
    http = server.login()
    s = new_session(server, http, lang)
    problems = {}
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844},
                                  locale=lang)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{s['code']}?lang={lang}")
    problems["join"] = audit(phone)
    phone.locator("main form button[type=submit]").click()  # Take part, not the footer's Apply
    phone.wait_for_url(f"**/s/{s['code']}")
    phone.locator(".waiting").wait_for()
    problems["phone waiting"] = audit(phone)

    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    for n, activity in enumerate(s["activities"]):
        opened = console.call("activity:open", {"cid": cid(f"{lang}-{n}"), "activity": activity})
        assert opened["ok"]
        phone.wait_for_selector(f"[data-activity='{activity}']")
        problems[f"phone activity {n + 1}"] = audit(phone)
    console.close()
    for name in ("privacy", "accessibility"):
        phone.goto(f"{server.url}/j/{s['code']}/{name}")
        problems[name] = audit(phone)

    big = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 720})
    projector = big.new_page()
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    projector.wait_for_selector("[data-activity]")
    problems["projector"] = audit(projector)
    desk = big.new_page()
    desk.goto(f"{server.url}/login")
    desk.fill("#username", "anna")
    desk.fill("#password", FACILITATOR_PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.goto(f"{server.url}/console/sessions/{s['id']}?lang={lang}")
    desk.wait_for_selector("#agenda li")
    problems["console"] = audit(desk)
    problems["console index"] = audit(desk) if desk.goto(f"{server.url}/console/") else []
    context.close()
    big.close()
    assert {page: found for page, found in problems.items() if found} == {}


def test_home_and_login_pages(server, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for path in ("/", "/login", "/j/NOPE42", "/accessibility", "/accessibility?lang=ar"):
        page.goto(server.url + path)
        assert audit(page) == [], path
    assert requests.get(server.url + "/", timeout=5).ok
    context.close()
