"""A phone with JavaScript switched off still takes part (issue 29): it joins, posts a card,
spends its dots and votes on a statement with plain forms, and the projector (a JavaScript page
in another browser context) shows each of them."""

import pytest
from playwright.sync_api import expect

from tests.support.browser import browser, phone_page  # noqa: F401
from tests.support.console import new_session
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(shared=True)


def session_of(server, http, plan: str) -> dict:
    s = new_session(server, http, "en", plan)
    detail = http.get(f"{server.url}/api/v1/sessions/{s['id']}", timeout=10).json()
    return {**s, "kinds": {a["kind"]: a["id"] for a in detail["session"]["agenda"]}}


def open_activity(console, activity: int) -> None:
    ack = console.call("activity:open", {"cid": cid(f"open-{activity}"), "activity": activity})
    assert ack["ok"]


def no_js_phone(browser, server, code):  # noqa: F811
    phone = phone_page(browser, server.url, code, java_script_enabled=False)
    # Read once the page has loaded (it has: phone_page waited for it); expect() does not see
    # into <noscript> in a page without JavaScript.
    assert "Your browser has JavaScript switched off" in phone.locator("body").inner_text()
    return phone


def projector(browser, server, s):  # noqa: F811
    page = browser.new_context().new_page()
    page.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    return page


def test_without_javascript_a_phone_posts_a_card_and_spends_its_dots(server, browser):  # noqa: F811
    http = server.login()
    s = session_of(server, http, "kickoff-buurtanalyse")
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    phone = no_js_phone(browser, server, s["code"])
    screen = projector(browser, server, s)
    open_activity(console, s["kinds"]["board"])
    phone.reload()
    phone.get_by_label("Your card").fill("Een bankje bij de bushalte")
    phone.get_by_role("button", name="Post card").click()
    expect(phone.locator(".flash-success")).to_have_text("Saved")
    expect(phone.locator(".plain-board li")).to_have_text("Een bankje bij de bushalte")
    expect(screen.locator("#stage")).to_contain_text("Een bankje bij de bushalte")
    open_activity(console, s["kinds"]["vote"])
    phone.reload()
    phone.get_by_label("Een bankje bij de bushalte").fill("1")
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator(".flash-success")).to_have_text("Saved")
    expect(phone.get_by_label("Een bankje bij de bushalte")).to_have_value("1")
    expect(screen.locator(".vote-voters")).to_have_text("Voters: 1")
    console.close()
    phone.context.close()
    screen.context.close()


def test_without_javascript_a_phone_votes_on_a_statement(server, browser):  # noqa: F811
    http = server.login()
    s = session_of(server, http, "stellingen")
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    phone = no_js_phone(browser, server, s["code"])
    screen = projector(browser, server, s)
    open_activity(console, s["kinds"]["statements"])
    phone.reload()
    first = phone.locator(".plain-statements .statement").inner_text()
    phone.get_by_role("button", name="Agree", exact=True).click()
    expect(phone.locator(".flash-success")).to_have_text("Saved")
    expect(phone.locator(".plain-statements .statement")).not_to_have_text(first)
    # The analysis runs at most every OPINION_INTERVAL seconds, off the event loop.
    expect(screen.locator(".st-voters")).to_contain_text("1 people voted, 1 votes",
                                                         timeout=30_000)
    console.close()
    phone.context.close()
    screen.context.close()


def test_a_plain_form_sent_twice_is_stored_once(server, browser):  # noqa: F811
    http = server.login()
    s = session_of(server, http, "kickoff-buurtanalyse")
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    phone = no_js_phone(browser, server, s["code"])
    open_activity(console, s["kinds"]["board"])
    phone.reload()
    form = phone.locator(".plain-board form")
    cid_value = form.locator("input[name=cid]").get_attribute("value")
    fields = {name: form.locator(f"[name={name}]").first.input_value()
              for name in ("csrf_token", "activity", "cid")}
    fields.update({"type": "need", "text": "Twee keer verstuurd"})
    url = f"{server.url}/s/{s['code']}/plain/card:add"
    for _ in range(2):
        assert phone.request.post(url, form=fields).ok
    assert fields["cid"] == cid_value
    phone.reload()
    expect(phone.locator(".plain-board li")).to_have_count(1)
    console.close()
    phone.context.close()
