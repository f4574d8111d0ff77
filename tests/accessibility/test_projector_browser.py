"""Issue 30, item 8: the projector shows a card and a prompt whole when the wall has room (it
cut cards to three lines and prompts to two with half the wall empty), and still fits one
screen with 80 long cards (pages); its language menu offers Arabic, which the server speaks."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.factories import FACILITATOR_PASSWORD, cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "accessibility"
LONG = ("Er zijn in onze buurt te weinig plekken waar je zomaar binnen kunt lopen voor een koffie "
        "en een babbel, zeker voor ouderen die alleen wonen en niet meer ver kunnen stappen.")

# Every shown card and prompt: is its text whole (nothing cut by a line clamp)?
CUT = """() => [...document.querySelectorAll(
    '#stage .board-card:not(.fit-off) .board-card-text, #stage .board-prompt, #stage .vote-prompt')]
  .filter(el => el.checkVisibility())
  .map(el => ({text: el.textContent.slice(0, 30), cut: el.scrollHeight > el.clientHeight + 1,
               lines: Math.round(el.clientHeight /
                                 parseFloat(getComputedStyle(el).lineHeight))}))"""
FITS = """() => { const s = document.querySelector('#stage > .activity');
  return s.scrollHeight <= s.clientHeight + 1
    && document.documentElement.scrollHeight <= innerHeight; }"""


@pytest.fixture(scope="module")
def server(live_server):
    # A shared process, one start-up fewer: only its own session, no database or log read; its
    # console cids (p-...) differ from the other shared modules' (kept per account).
    live = live_server(shared=True)
    yield live


def test_cards_and_prompts_are_whole_when_there_is_room(server, browser):
    s = server.session
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=server.login().cookies.get_dict())
    board = s["activities"][1]
    assert console.call("activity:open", {"cid": cid("p-open"), "activity": board})["ok"]
    writers = [Recorder(server.url, {"session": s["code"], "view": "phone",
                                     "token": server.join(name=f"Schrijver {n}")})
               for n in range(8)]  # ten cards each at most

    def add(n):
        answer = writers[n % 8].call("card:add", {"cid": cid(f"p-card{n}"), "activity": board,
                                          "type": "need" if n % 2 else "talent",
                                          "text": f"{n}. {LONG}"[:200]})
        assert answer["ok"], answer

    for n in range(6):
        add(n)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    projector = context.new_page()
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    expect(projector.locator(".board-card")).to_have_count(6)
    projector.wait_for_function(f"() => document.body.dataset.fitted === '{board}'")
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector.screenshot(path=str(SHOTS / "projector-6-cards.png"))
    shown = projector.evaluate(CUT)
    assert [row for row in shown if row["cut"]] == []
    # More than the three lines (cards) and two (the prompt) it used to cut them to.
    assert max(row["lines"] for row in shown if row["text"][0].isdigit()) > 3, shown
    assert [row["lines"] for row in shown if not row["text"][0].isdigit()][0] > 2, shown
    assert projector.evaluate(FITS)

    # A café's volume: 80 long cards turn pages; every card on a page is whole, and it fits.
    for n in range(6, 80):
        add(n)
    expect(projector.locator(".board-card")).to_have_count(80)
    expect(projector.locator("#page-indicator")).to_be_visible()
    projector.wait_for_function(
        "() => !document.querySelector('#stage .board-card[data-clamp]')"
        " && document.querySelectorAll('#stage .board-card.fit-off').length")
    projector.screenshot(path=str(SHOTS / "projector-80-cards.png"))
    assert [row for row in projector.evaluate(CUT) if row["cut"]] == []
    assert projector.evaluate(FITS)

    # The vote's prompt (three lines at this width): whole as well.
    vote = s["activities"][2]
    assert console.call("activity:open", {"cid": cid("p-vote"), "activity": vote})["ok"]
    projector.locator(".vote-prompt").wait_for()
    projector.wait_for_function(f"() => document.body.dataset.fitted === '{vote}'")
    prompt = [row for row in projector.evaluate(CUT) if not row["text"][0].isdigit()]
    assert prompt and not prompt[0]["cut"], prompt
    assert projector.evaluate(FITS)
    console.close()
    for writer in writers:
        writer.close()
    context.close()


def test_the_projector_language_menu_offers_arabic(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    desk = context.new_page()
    desk.goto(f"{server.url}/login")
    desk.fill("#username", "anna")
    desk.fill("#password", FACILITATOR_PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.goto(f"{server.url}/console/")
    menu = desk.locator("select#language")
    assert menu.locator("option").evaluate_all("os => os.map(o => o.value)") == [
        "nl", "fr", "en", "ar"]
    assert menu.locator("option[value=ar]").get_attribute("lang") == "ar"
    desk.fill("#title", "مقهى الحي")
    menu.select_option("ar")
    desk.get_by_role("button", name="Create session").click()
    desk.wait_for_url(re.compile(r".*/console/sessions/\d+.*"))
    session_id = re.search(r"/console/sessions/(\d+)", desk.url).group(1)
    desk.goto(f"{server.url}/console/sessions/{session_id}")
    link = desk.get_by_role("link", name="Open the projector").get_attribute("href")
    desk.goto(link if link.startswith("http") else server.url + link)
    assert desk.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar", "rtl"]
    context.close()


def test_a_prompt_is_cut_only_when_it_would_take_over_the_screen(server, browser):
    """A prompt of a whole paragraph (a quarter of the stage and more) keeps to two lines, so
    the cards keep their room; the same board's short prompt is whole (previous test)."""
    s = server.session
    board = s["activities"][1]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    desk = context.new_page()
    desk.goto(f"{server.url}/login")
    desk.fill("#username", "anna")
    desk.fill("#password", FACILITATOR_PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.goto(f"{server.url}/console/sessions/{s['id']}/agenda/{board}")
    desk.fill("#prompt-nl", " ".join([LONG] * 8))
    desk.get_by_role("button", name="Save").click()
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=server.login().cookies.get_dict())
    assert console.call("activity:open", {"cid": cid("p-long"), "activity": board})["ok"]
    projector = context.new_page()
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    prompt = projector.locator(".board-prompt")
    expect(prompt).to_have_attribute("data-clamp", "true")
    projector.wait_for_function(f"() => document.body.dataset.fitted === '{board}'")
    lines = prompt.evaluate(
        "el => Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight))")
    assert lines == 2
    cards = projector.locator(".board-card").count()  # 80 after the first test
    assert projector.locator(".board-card:not(.fit-off)").count() >= min(3, cards)
    assert projector.evaluate(FITS)
    projector.screenshot(path=str(SHOTS / "projector-long-prompt.png"))
    console.close()
    context.close()
