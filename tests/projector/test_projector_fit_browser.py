"""Issue 15, done when: with a real café's volumes (tests.support.seeds.room), the join screen
and every activity fit one 16:9 screen at 1280×720 and 1920×1080. Nothing scrolls, no visible text
lies outside the screen or is cut off by a box, the join QR code is at least 30% of the screen
height, and at 1920×1080 no visible text is smaller than 24 px. Screenshots are kept in
test-results/projector/ for a person to look at."""


import pytest

from tests.support.factories import FACILITATOR_PASSWORD, cid
from tests.support.kinds import kind_names
from tests.support.projector import SHOTS, check
from tests.support.server import Recorder, run_seed

pytestmark = [pytest.mark.browser, pytest.mark.server]

SIZES = [(1280, 720), (1920, 1080)]
# What must be on screen before an activity is measured (its data has arrived and is drawn).
READY = {
    "welcome": ".info-text",
    "wall": ".board-card",
    "cloud": ".board-cloud-img[src]",
    "ballot": ".vote-result",
    "rating": ".vote-plot-dot",
    "tables": ".wc-table",
    "plenary": ".wc-wall-item",
    "theory_of_change": ".canvas-card",
    "icamo": ".canvas-card",
    "questions": ".q-pinned-text:not(:empty)",
    "statements": ".st-map-letter",  # the groups are found and drawn
}

@pytest.fixture(scope="module")
def room(live_server):
    def evening(live):
        live.session = run_seed("room", live.instance, live.database_url, FACILITATOR_PASSWORD)

    live = live_server(plan=None, prepare=evening)
    console = Recorder(live.url, {"session": live.session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    sent = iter(range(10000))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"fit{next(sent)}"), **payload})
        assert answer["ok"], answer
        return answer

    live.command = command
    live.shown = False
    yield live
    console.close()


def test_the_evening_holds_every_kind(room):
    """Every kind is measured: a new kind needs its activity in tests/support/seeds/room.py."""
    assert room.session["kinds"] == kind_names()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(room, browser, size):
    width, height = size
    s = room.session
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    # Nothing on the projector yet: the join screen. Once an activity was shown (the first
    # size's run), the facilitator puts it up from the console.
    room.command("session:projector", join_screen=room.shown, join_strip=True)
    page.goto(f"{room.url}/p/{s['code']}?key={s['key']}")
    page.wait_for_function("() => document.body.dataset.fitted === 'join'")
    check(page, width, height, "0-join")
    qr = page.locator(".join-qr").bounding_box()
    assert qr["height"] >= 0.3 * height
    url = page.locator(".join-screen .join-url")
    code_part = url.locator(".join-url-code")
    assert code_part.inner_text() == s["code"]
    # The code in the URL is on one line: one line box high.
    assert code_part.evaluate("e => e.getClientRects().length") == 1

    room.command("session:projector", join_screen=False)
    for n, (name, activity) in enumerate(s["activities"].items(), start=1):
        room.command("activity:show", activity=activity)
        room.shown = True
        page.wait_for_function(
            "([id, ready]) => document.body.dataset.fitted === String(id) && "
            "document.querySelector('#stage > .activity[data-activity=\"' + id + '\"] ' + ready)",
            arg=[activity, READY[name]])
        if name == "cloud":
            page.wait_for_function("() => document.querySelector('.board-cloud-img').naturalWidth"
                                   " > 0 && document.body.dataset.fitted !== ''")
        check(page, width, height, f"{n}-{name}")
        if name in ("wall", "plenary"):
            # Too many for one screen: pages that turn, with a visible page indicator.
            indicator = page.locator("#page-indicator")
            assert indicator.is_visible()
            assert "1" in indicator.inner_text()
        if name == "statements":
            # Map and lists side by side; the three groups, and each list whole or in pages
            # ("Page 1 of 3" at its foot), never summed up as "and N more".
            box = page.locator(".statements-projector .st-map").bounding_box()
            lists = page.locator(".statements-projector .st-lists").bounding_box()
            assert box["x"] + box["width"] <= lists["x"] and box["height"] >= 0.5 * height
            assert page.locator(".st-group:visible").count() == 3
            for key in ("consensus", "divisive"):
                rows = page.locator(f".st-{key} .st-row")
                pages = page.locator(f".st-{key}-wrap .fit-pages:visible")
                assert rows.count() >= 1
                assert (page.locator(f".st-{key} .st-row:visible").count() == rows.count()
                        or pages.inner_text().startswith("Page 1 of ")), key
            assert " more" not in page.locator(".st-lists").inner_text()
        if name == "wall" and width == 1280:
            # The pages turn by themselves, and the next page fits too.
            page.wait_for_function("() => /2/.test(document.querySelector("
                                   "'#page-indicator span').textContent)")
            check(page, width, height, f"{n}-{name}-page-2")
        assert page.locator(".join-strip").is_visible()

    # The facilitator hides the strip, then puts the join screen up during an activity.
    room.command("session:projector", join_strip=False)
    page.wait_for_function("() => document.body.dataset.strip === 'off'")
    assert not page.locator(".join-strip").is_visible()
    check(page, width, height, "10-no-strip")
    room.command("session:projector", join_screen=True, join_strip=True)
    page.wait_for_function("() => document.body.dataset.fitted === 'join'")
    check(page, width, height, "11-join-on-demand")
    assert page.locator(".join-qr").bounding_box()["height"] >= 0.3 * height
    room.command("session:projector", join_screen=False)
    context.close()


def test_the_console_pages_a_long_moderation_list_at_1366x768(room, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": k, "value": v, "url": room.url}
                         for k, v in room.login().cookies.get_dict().items()])
    page = context.new_page()
    page.goto(f"{room.url}/console/sessions/{room.session['id']}")
    wall = room.session["activities"]["wall"]
    page.locator(f"#agenda .agenda-item[data-activity='{wall}'] .agenda-title").click()
    page.locator("#stage .board-console-card").first.wait_for()
    tools = page.locator("#stage .list-tools")
    cards = page.locator("#stage .board-console-card:visible")
    assert tools.is_visible()
    assert cards.count() == 8
    assert tools.locator(".list-page").inner_text() == "Page 1 of 10 (80 in all)"
    assert not tools.locator(".list-prev").is_enabled()
    tools.locator(".list-next").click()
    assert tools.locator(".list-page").inner_text().startswith("Page 2 of 10")
    first_of_page_two = cards.first.locator(".board-card-text").inner_text()
    assert first_of_page_two != ""
    tools.locator(".list-search").fill("bankjes")
    page.wait_for_function("() => document.querySelector('#stage .list-page')"
                           ".textContent.startsWith('Page 1 of 1 ')")
    texts = cards.locator(".board-card-text").all_inner_texts()
    assert texts and all("bankjes" in t for t in texts)
    tools.locator(".list-search").fill("")
    tools.locator(".list-status").select_option("visible")
    assert tools.locator(".list-page").inner_text() == "Page 1 of 10 (80 in all)"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-1366x768-moderation.png"))
    context.close()
