"""The canvas in a real browser: a phone adds an item to "Activities" and the projector shows
it without a reload; an edit that crossed someone else's is refused on the phone with the
current text, the user's own words kept; the pages pass an accessibility audit."""

import pytest

from tests.support.axe import audit, three_screens
from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.server import Recorder, create_missing_tables

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="veranderingstheorie", prepare=create_missing_tables)
    session = live.session
    live.activity = session["activities"][3]
    console = Recorder(live.url, {"session": session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    assert console.call("activity:open", {"cid": cid("open"), "activity": live.activity})["ok"]
    live.console = console
    yield live
    console.close()


def _phone(server, browser):
    page = phone_page(browser, server.url, server.session["code"])
    page.locator(".canvas-add-form").wait_for()
    return page


def _projector(server, browser):
    s = server.session
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    page.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    page.locator(".canvas-board .canvas-box").first.wait_for()
    return page


def test_a_phone_adds_an_activity_and_the_projector_shows_it(server, browser):
    projector = _projector(server, browser)
    phone = _phone(server, browser)
    phone.get_by_label("Where does it go?").select_option(label="Activities")
    phone.get_by_label("Your item").fill("Wekelijkse buurtsoep in het wijkhuis")
    phone.get_by_role("button", name="Add to the canvas").click()
    mine = phone.locator(".canvas-field[data-field='activities'] .canvas-item",
                         has_text="Wekelijkse buurtsoep")
    mine.wait_for()
    assert phone.get_by_label("Your item").input_value() == ""
    card = projector.locator(".canvas-box[data-field='activities'] .canvas-card",
                             has_text="Wekelijkse buurtsoep in het wijkhuis")
    card.wait_for()  # arrives live: the projector page was never reloaded
    title = projector.locator(".canvas-box[data-field='activities'] .canvas-box-title")
    assert title.inner_text() == "Activities"
    phone.context.close()
    projector.context.close()


def test_a_crossed_edit_shows_the_current_text_and_keeps_mine(server, browser):
    s = server.session
    other = Recorder(server.url, {"session": s["code"], "view": "phone",
                                  "token": server.join()})
    view = other.wait_for(lambda e, d: e == "state")
    canvas = view["activities"][str(server.activity)]["data"]["canvases"][0]["id"]
    item = other.call("canvas:add", {"cid": cid("crossed"), "canvas": canvas,
                                     "field": "outcomes", "text": "Minder eenzaamheid"})["item"]
    phone = _phone(server, browser)
    row = phone.locator(f".canvas-item[data-item='{item['id']}']")
    row.get_by_role("button", name="Edit or move").click()
    row.get_by_label("Text").fill("Minder eenzaamheid bij ouderen")
    # Meanwhile someone else saves a change to the same item.
    assert other.call("canvas:edit", {"cid": cid("crossed-edit"), "item": item["id"],
                                      "version": 1, "text": "Meer contact tussen buren"})["ok"]
    row.get_by_role("button", name="Save").click()
    alert = row.locator(".canvas-conflict")
    alert.wait_for()
    assert "Someone else changed this item" in alert.inner_text()
    assert row.get_by_label("Text").input_value() == "Meer contact tussen buren"
    assert "Minder eenzaamheid bij ouderen" in row.locator(".canvas-conflict-mine").inner_text()
    # Saving again now builds on the current version and succeeds.
    row.get_by_label("Text").fill("Meer contact tussen buren, ook met ouderen")
    row.get_by_role("button", name="Save").click()
    row.locator(".canvas-editor").wait_for(state="hidden")
    row.locator(".canvas-item-text", has_text="ook met ouderen").wait_for()
    other.close()
    phone.context.close()


def test_canvas_pages_have_no_serious_accessibility_violations(server, browser):
    s = server.session
    problems = {}
    phone, projector, console = three_screens(server, browser)
    phone.locator(".canvas-add-form").wait_for()
    problems["phone"] = audit(phone)
    projector.locator(".canvas-box").first.wait_for()
    problems["projector"] = audit(projector)
    console.locator(f".agenda-item[data-activity='{server.activity}'] .agenda-title").click()
    console.locator(".canvas-sheet").first.wait_for()
    problems["console"] = audit(console)
    printable = console.context.new_page()
    printable.goto(f"{server.url}/console/sessions/{s['id']}/canvas/{server.activity}/print")
    printable.locator(".canvas-print").first.wait_for()
    problems["print"] = audit(printable)
    assert problems == {"phone": [], "projector": [], "console": [], "print": []}
    for page in (phone, projector, console):
        page.context.close()
