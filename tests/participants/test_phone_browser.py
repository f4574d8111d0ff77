"""Phones at 390×844. An Arabic phone through the whole demo plan: the page is as wide as the
screen, the activity shows on the first screen, axe finds nothing serious, and no interface
string is left in English. A World Café phone says where the café stands and asks before it
leaves; the closing screen counts what this person contributed."""

import re
import time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import expect

from tests.support.axe import audit
from tests.support.browser import phone_page
from tests.support.console import new_session
from tests.support.factories import cid
from tests.support.kinds import all_kinds
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

CATALOG = Path(__file__).parents[2] / "cafe" / "translations" / "ar" / "LC_MESSAGES"
WIDTH, HEIGHT = 390, 844


def english_patterns() -> list[re.Pattern]:
    """Every interface string as the English it would show if it had no Arabic translation."""
    with open(CATALOG / "messages.po", "rb") as po:
        catalog = read_po(po)
    patterns = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            if re.search("[A-Za-z]{3}", re.sub(r"%\(\w+\)[sd]", "", msgid or "")):
                text = re.escape(" ".join(msgid.split()))
                patterns.append(re.compile("^" + re.sub(r"%\\\(\w+\\\)[sd]", ".+", text) + "$"))
    return patterns


ENGLISH = english_patterns()

SHOWN = """() => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const out = document.body.innerText.split('\\n');
  document.querySelectorAll('[placeholder], [aria-label], [title], [alt]').forEach(el => {
    if (!visible(el)) return;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
  });
  return out.map(t => t.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""


def english_on(page) -> list[str]:
    return [text for text in page.evaluate(SHOWN) if any(p.match(text) for p in ENGLISH)]


def layout(page) -> dict:
    return page.evaluate("""() => {
      const stage = document.querySelector('#stage > *');
      const box = stage ? stage.getBoundingClientRect() : null;
      return {width: document.documentElement.scrollWidth, dir: document.documentElement.dir,
              stageTop: box ? box.top : null, stageHeight: box ? box.height : 0};
    }""")


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(shared=True)


def test_an_arabic_phone_fits_the_screen_speaks_arabic_and_passes_axe(server, browser):
    s = server.session
    context = browser.new_context(bypass_csp=True, viewport={"width": WIDTH, "height": HEIGHT},
                                  is_mobile=True, locale="ar")
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{s['code']}")
    phone.get_by_label("العربية").check()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/s/{s['code']}")
    phone.locator(".waiting").wait_for()

    seen, problems = {}, {}

    def check(name):
        found = layout(phone)
        assert found["dir"] == "rtl"
        seen[name] = found
        problems[name] = {"axe": audit(phone), "english": english_on(phone)}

    check("waiting")
    http = server.login()
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    for n, activity in enumerate(s["activities"]):
        opened = console.call("activity:open", {"cid": cid(f"rtl-{n}"), "activity": activity})
        assert opened["ok"], opened
        phone.locator(f"[data-activity='{activity}']").wait_for()
        check(f"activity {n + 1}")
        # The facilitator's Dutch title keeps its own direction inside the Arabic page.
        assert phone.locator("#stage .activity-title").first.get_attribute("dir") == "auto"
        # This phone has not voted: nothing to withdraw, so no "withdraw my votes" control.
        expect(phone.locator(".vote-clear:visible")).to_have_count(0)
    console.close()
    phone.goto(f"{server.url}/j/{s['code']}/privacy")
    problems["privacy"] = {"axe": audit(phone), "english": english_on(phone)}
    context.close()

    assert {name: found["width"] for name, found in seen.items()
            if found["width"] > WIDTH} == {}
    # The activity starts on the first screen, under the bar, not below the fold.
    assert {name: found["stageTop"] for name, found in seen.items()
            if found["stageTop"] is None or found["stageTop"] > HEIGHT / 2} == {}
    failed = {name: found for name, found in problems.items() if any(found.values())}
    assert failed == {}, "\n".join(f"{name}: {found}" for name, found in failed.items())


def console_for(server, http, code):
    return Recorder(server.url, {"session": code, "view": "console"},
                    cookies=http.cookies.get_dict())


def test_a_world_cafe_phone_says_where_the_cafe_stands_and_asks_before_leaving(server, browser):
    http = server.login()
    s = new_session(server, http, "en")
    phone = phone_page(browser, server.url, s["code"])
    read_aloud = phone.locator("#read-aloud")
    assert read_aloud.is_hidden()  # the waiting screen has nothing to read
    console = console_for(server, http, s["code"])
    cafe = s["activities"][3]
    assert console.call("activity:open", {"cid": cid("wc-open"), "activity": cafe})["ok"]
    state = phone.locator(".wc-state span:visible")
    phone.locator(".wc-state [data-state=setup]").wait_for()
    assert state.inner_text().startswith("The tables are not set yet")
    if phone.evaluate("'speechSynthesis' in window"):
        assert read_aloud.is_visible()

    assert console.call("worldcafe:allocate", {"cid": cid("wc-alloc"), "activity": cafe})["ok"]
    phone.locator(".wc-state [data-state=pending]").wait_for()
    assert phone.locator(".wc-go").inner_text().startswith("Go to table")
    assert console.call("worldcafe:start", {"cid": cid("wc-start"), "activity": cafe})["ok"]
    phone.locator(".wc-state [data-state=pending]").wait_for(state="hidden")
    assert state.count() == 0  # during the round, the question and the timer speak

    leave = phone.get_by_role("button", name="I am leaving the café")
    leave.click()
    dialog = phone.get_by_role("dialog", name="Leave the café?")
    dialog.wait_for()
    dialog.get_by_role("button", name="No, I stay").click()
    dialog.wait_for(state="hidden")
    assert phone.locator(".wc-go").is_visible()  # still at the table
    leave.click()
    phone.get_by_role("dialog").get_by_role("button", name="Yes, I am leaving").click()
    phone.get_by_role("button", name="Give me a table").wait_for()
    assert phone.locator(".wc-go").is_hidden()

    assert console.call("worldcafe:end", {"cid": cid("wc-end"), "activity": cafe})["ok"]
    phone.locator(".wc-state [data-state=between]").wait_for()
    assert console.call("activity:close", {"cid": cid("wc-close"), "activity": cafe})["ok"]
    phone.locator(".wc-state [data-state=closed]").wait_for()
    console.close()
    phone.context.close()


def test_the_closing_screen_counts_what_this_person_contributed(server, browser):
    http = server.login()
    s = new_session(server, http, "nl")
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{s['code']}")
    phone.get_by_label("Nederlands").check()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/s/{s['code']}")
    console = console_for(server, http, s["code"])
    board = s["activities"][1]
    assert console.call("activity:open", {"cid": cid("rc-board"), "activity": board})["ok"]
    for n, text in enumerate(("Te weinig bankjes in het park", "Eenzaamheid bij ouderen")):
        phone.locator(".board-text").fill(text)
        phone.locator(".board-send").click()
        phone.locator(".board-mine-item").nth(n).wait_for()
    assert phone.locator("#recap").is_hidden()  # not before the end
    last = s["activities"][-1]
    assert console.call("activity:open", {"cid": cid("rc-last"), "activity": last})["ok"]
    recap = phone.locator("#recap")
    recap.wait_for()
    # The count arrives with the recap's answer: wait for the final number (a locator wait,
    # not a JavaScript string, which the page's CSP does not evaluate while polling).
    expect(recap.locator("[data-count=cards] .recap-n")).to_have_text("2")
    counts = {row.get_attribute("data-count"): row.locator(".recap-n").inner_text()
              for row in recap.locator("[data-count]").all()}
    none = {key: "0" for kind in all_kinds().values() for key in kind.recap_rows}
    assert counts == {**none, "cards": "2"}
    assert "Wat gebeurt er nu?" in recap.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH
    console.close()
    phone.context.close()


OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('main a, main button')]
    .filter(el => el.offsetWidth && el.offsetHeight)
    .map(el => ({text: el.innerText.trim(), r: el.getBoundingClientRect()}));
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    if (a.left < b.right - 1 && b.left < a.right - 1 &&
        a.top < b.bottom - 1 && b.top < a.bottom - 1)
      out.push([boxes[i].text, boxes[j].text]);
  }
  return {overlaps: out, width: document.documentElement.scrollWidth};
}"""


def test_the_report_page_buttons_never_overlap(server, browser):
    http = server.login()
    page = http.get(f"{server.url}/console/neighbourhoods/", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    made = http.post(f"{server.url}/console/neighbourhoods/", data={
        "name": "Rabot-Blaisantvest", "municipality": "Gent", "csrf_token": token},
        allow_redirects=False, timeout=10)
    hood = made.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    job = http.post(f"{server.url}/console/neighbourhoods/{hood}/reports",
                    data={"lang": "fr", "csrf_token": token}, allow_redirects=False, timeout=10)
    url = server.url + job.headers["Location"] if job.headers["Location"].startswith("/") \
        else job.headers["Location"]
    while http.get(f"{url}/status.json", timeout=10).json()["state"] == "building":
        time.sleep(0.5)  # polls for the final state; no timing is asserted
    for width, height in ((390, 844), (1280, 720)):
        context = browser.new_context(bypass_csp=True,
                                      viewport={"width": width, "height": height})
        context.add_cookies([{"name": c.name, "value": c.value, "url": server.url}
                             for c in http.cookies])
        desk = context.new_page()
        desk.goto(url)
        assert desk.locator(".report-file[data-state=ready]").count() >= 6
        found = desk.evaluate(OVERLAPS)
        assert found == {"overlaps": [], "width": width}, (width, found)
        assert audit(desk) == []
        context.close()


JOIN_GAP = """() => {
  const button = document.querySelector('main form button[type=submit]').getBoundingClientRect();
  const text = document.querySelector('main .privacy').getBoundingClientRect();
  return {gap: text.top - button.bottom, width: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("width", (360, 390))
def test_the_join_pages_privacy_text_keeps_clear_of_the_join_button(server, browser, width):
    """The privacy note sat against the Take part button: at least 8 px between them, in
    every language the join page offers."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    page = context.new_page()
    found = {}
    for lang in ("nl", "fr", "en", "ar"):
        page.goto(f"{server.url}/j/{server.session['code']}?lang={lang}")
        found[lang] = page.evaluate(JOIN_GAP)
    context.close()
    assert {lang: f for lang, f in found.items() if f["gap"] < 8 or f["width"] > width} == {}
