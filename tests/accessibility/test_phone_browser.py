"""Issue 30 on a phone at 390×844, with a café's volumes (30 cards to vote on): the live page
has an <h1>; + and − carry their symbol in their name (items 6, 9); after +, − or "Withdraw my
votes" the focus stays on a control (item 4); revealed results are announced (item 3); the vote
bars do not move for a phone that asked for reduced motion, nor on the projector (item 7);
every target on every phone page is at least 44×44 px (item 5)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.accessibility.test_languages_browser import plan_session
from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "accessibility"
CARDS = 30
WIDTH, HEIGHT = 390, 844

# Every target a thumb can hit, with its size: a radio or checkbox counts as its label.
TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, summary, select, textarea, input:not([type=hidden])')]
  .map(el => (el.type === 'radio' || el.type === 'checkbox') && el.closest('label') || el)
  .filter((el, i, all) => all.indexOf(el) === i && el.checkVisibility()
          && !el.closest('.skip-link, .visually-hidden'))
  .map(el => { const r = el.getBoundingClientRect();
               const what = el.innerText || el.getAttribute('aria-label') || el.tagName;
               return {what: what.trim().slice(0, 40), w: Math.round(r.width),
                       h: Math.round(r.height)}; })"""


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server()
    console = Recorder(live.url, {"session": live.session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    sent = iter(range(100000))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"a11y{next(sent)}"), **payload})
        assert answer["ok"], answer
        return answer

    board, vote = live.session["activities"][1:3]
    command("activity:open", activity=board)
    writers = [Recorder(live.url, {"session": live.session["code"], "view": "phone",
                                   "token": live.join(name=f"Schrijver {n}")}) for n in range(3)]
    cards = []
    for n in range(CARDS):
        answer = writers[n % 3].call("card:add", {
            "cid": cid(f"card{n}"), "activity": board, "type": "need" if n % 2 else "talent",
            "text": f"Zorg nummer {n}: te weinig plekken om elkaar te ontmoeten"})
        assert answer["ok"], answer
        cards.append(answer["card"])
    command("activity:open", activity=vote)
    for n, writer in enumerate(writers):  # votes, so that revealed results have bars
        answer = writer.call("vote:cast", {"cid": cid(f"w{n}"), "activity": vote,
                                           "allocation": {c: 1 for c in cards[:n + 2]}})
        assert answer["ok"], answer
    live.command, live.vote, live.writers = command, vote, writers
    yield live
    for client in (console, *writers):
        client.close()


def focused(page) -> dict:
    return page.evaluate("""() => { const el = document.activeElement;
      return {tag: el.tagName, cls: el.className, label: el.getAttribute('aria-label') || '',
              item: el.closest('.vote-item') ? el.closest('.vote-item').dataset.key : null}; }""")


def test_the_vote_has_a_heading_named_buttons_and_keeps_the_focus(server, browser):
    phone = phone_page(browser, server.url, server.session["code"], bypass_csp=True)
    items = phone.locator(".vote-item")
    expect(items).to_have_count(CARDS)
    # Item 6: the session's title is the page's <h1>.
    heading = phone.locator("h1")
    expect(heading).to_have_count(1)
    assert heading.first.evaluate("el => el.closest('header') !== null")
    assert heading.first.inner_text().strip()

    # Item 9: the name starts with the symbol the button shows.
    for n in (0, CARDS - 1):
        plus, minus = items.nth(n).locator(".vote-plus"), items.nth(n).locator(".vote-minus")
        assert plus.get_attribute("aria-label").startswith("+ Add a dot to: Zorg nummer")
        assert minus.get_attribute("aria-label").startswith("− Remove a dot from: Zorg nummer")
    phone.add_script_tag(path=str(AXE))
    mismatch = phone.evaluate("""() => axe.run(document, {runOnly: {type: 'rule',
        values: ['label-content-name-mismatch']}}).then(r => r.violations.length)""")
    assert mismatch == 0

    # Item 4, with the keyboard: + on an item (one dot per item: + goes disabled) ...
    third = items.nth(2)
    key = third.get_attribute("data-key")
    third.locator(".vote-plus").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".vote-budget")).to_contain_text("4 of 5")
    expect(third.locator(".vote-plus")).to_be_disabled()
    now = focused(phone)
    assert (now["item"], now["cls"].split()[-1]) == (key, "vote-minus"), now
    # ... − (now disabled) hands the focus back to +, and "Withdraw my votes" (then hidden) to
    # the first + of the list.
    phone.keyboard.press("Enter")
    expect(phone.locator(".vote-budget")).to_contain_text("5 of 5")
    now = focused(phone)
    assert (now["item"], now["cls"].split()[-1]) == (key, "vote-plus"), now
    phone.keyboard.press("Enter")
    expect(phone.locator(".vote-budget")).to_contain_text("4 of 5")
    withdraw = phone.get_by_role("button", name="Withdraw my votes")
    withdraw.focus()
    phone.keyboard.press("Enter")
    expect(withdraw).to_be_hidden()
    expect(phone.locator(".vote-budget")).to_contain_text("5 of 5")
    now = focused(phone)
    assert now["tag"] == "BUTTON" and "vote-plus" in now["cls"], now
    phone.context.close()


def test_revealed_results_are_announced_and_bars_do_not_move_on_request(server, browser):
    phone = phone_page(browser, server.url, server.session["code"])
    still = phone_page(browser, server.url, server.session["code"], reduced_motion="reduce")
    for page in (phone, still):
        page.locator(".vote-item").first.wait_for()
    region = phone.locator("#cafe-announce")
    assert region.get_attribute("aria-live") == "polite"
    expect(region).not_to_contain_text("The results are shown.")

    server.command("vote:reveal", activity=server.vote)
    # Item 3: the phone's polite live region says so, with what leads.
    expect(region).to_contain_text("The results are shown. First:")
    phone.locator(".vote-phone-results .vote-bar").first.wait_for()
    still.locator(".vote-phone-results .vote-bar").first.wait_for()
    # Item 7: the bars' width transition only where nobody asked for less motion.
    duration = "el => getComputedStyle(el).transitionDuration"
    assert phone.locator(".vote-bar-fill").first.evaluate(duration) == "0.4s"
    assert still.locator(".vote-bar-fill").first.evaluate(duration) == "0s"
    big = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion="reduce")
    projector = big.new_page()
    s = server.session
    projector.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    projector.locator(".vote-bar").first.wait_for()
    assert projector.locator(".vote-bar-fill").first.evaluate(duration) == "0s"
    server.command("vote:hide_results", activity=server.vote)
    expect(phone.locator(".vote-phone-results")).to_be_hidden()
    for context in (phone.context, still.context, big):
        context.close()


def test_every_target_on_every_phone_page_is_at_least_44_px(server, browser):
    s = server.session
    phone = phone_page(browser, server.url, s["code"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    small = {}

    def measure(name):
        phone.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
        for details in phone.locator("details").all():  # what opens, too
            if details.is_visible():
                details.evaluate("el => el.open = true")
        found = phone.evaluate(TARGETS)
        assert found, name
        small[name] = [t for t in found if t["w"] < 44 or t["h"] < 44]

    phone.locator(".vote-item").first.wait_for()
    measure("vote")
    for n, activity in enumerate(s["activities"]):
        if activity == server.vote:
            continue
        server.command("activity:open", activity=activity)
        phone.locator(f"[data-activity='{activity}']").wait_for()
        measure(f"activity-{n + 1}")
    server.command("activity:open", activity=server.vote)
    # Statements: the list of all statements behind a <summary>, with three buttons a row.
    http = server.login()
    opinions = plan_session(server, http, "stellingen", "nl")
    console = Recorder(server.url, {"session": opinions["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    assert console.call("activity:open", {"cid": cid("t-st"),
                                          "activity": opinions["activities"][1]})["ok"]
    console.close()
    phone.context.close()
    phone = phone_page(browser, server.url, opinions["code"])
    phone.locator(".st-current").wait_for()
    measure("statements")
    for path in ("/j/{code}/privacy", "/j/{code}/accessibility", "/j/NOPE42"):
        phone.goto(server.url + path.format(code=s["code"]))
        measure(path.split("/")[-1])
    fresh = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True)
    join = fresh.new_page()
    join.goto(f"{server.url}/j/{s['code']}")
    phone = join
    measure("join")
    fresh.close()
    assert {name: found for name, found in small.items() if found} == {}
