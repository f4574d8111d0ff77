"""Issue 15, done when: the console, at 1366×768, walks the demo plan (`cafe demo`'s plan) with
Next only. At every step exactly the intended activity is open, the projector thumbnail shows
it, and the buttons that would do nothing are disabled."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]

DEMO_PLAN = "kickoff-buurtanalyse"  # cafe.cli demo's default plan
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "console"


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(plan=DEMO_PLAN, shared=True)


@pytest.fixture
def console(server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": k, "value": v, "url": server.url}
                         for k, v in server.login().cookies.get_dict().items()])
    page = context.new_page()
    page.goto(f"{server.url}/console/sessions/{server.session['id']}")
    page.locator("#agenda .agenda-item").first.wait_for()
    yield page
    context.close()


def agenda_state(page):
    return page.evaluate("""() => [...document.querySelectorAll('#agenda .agenda-item')]
      .map(li => ({
        id: +li.dataset.activity, status: li.dataset.status,
        current: li.classList.contains('current'),
        open: !li.querySelector('[data-action="activity:open"]').disabled,
        close: !li.querySelector('[data-action="activity:close"]').disabled,
        show: !li.querySelector('[data-action="activity:show"]').disabled}))""")


def enabled(page, selector):
    return page.locator(selector).is_enabled()


def check_kind(page, kind):
    """The activity's own controls: enabled only when they do something."""
    stage = page.locator("#stage")
    if kind == "board":
        assert not stage.locator(".board-show-wall").is_enabled()  # the wall is shown already
        assert stage.locator(".board-show-cloud").is_enabled()
    elif kind == "vote":
        assert stage.locator(".vote-reveal").is_enabled()  # results hidden until revealed
        assert not stage.locator(".vote-hide").is_enabled()
    elif kind == "worldcafe":
        can = {c: stage.locator(f'[data-command="worldcafe:{c}"]').is_enabled()
               for c in ("allocate", "start", "pause", "extend", "end")}
        # No round yet: the tables can be set and the first round started; nothing to pause,
        # extend or end.
        assert can == {"allocate": True, "start": True, "pause": False, "extend": False,
                       "end": False}


def test_next_walks_the_demo_plan(server, console):
    page = console
    agenda = agenda_state(page)
    ids = server.session["activities"]
    assert [a["id"] for a in agenda] == ids
    assert all(a["status"] == "pending" and a["open"] and a["show"] and not a["close"]
               for a in agenda)
    assert not enabled(page, "#agenda-previous") and enabled(page, "#agenda-next")
    kinds = page.evaluate("() => Cafe.state.session.agenda.map(a => a.kind)")
    thumb = page.frame_locator(".projector-thumb iframe")
    thumb.locator("#join-screen").wait_for()  # nothing shown yet: the join screen

    for step, activity in enumerate(ids):
        if step == 2:
            page.keyboard.press("n")  # the documented shortcut does what Next does
        else:
            page.locator("#agenda-next").click()
        # The final state: this one current and open, no other open, the answer arrived.
        page.wait_for_function(
            "id => { const li = document.querySelector('#agenda .agenda-item.current');"
            " return li && +li.dataset.activity === id && li.dataset.status === 'open' &&"
            " document.querySelectorAll('#agenda .agenda-item[data-status=open]').length === 1 &&"
            " !li.querySelector('[data-action=\"activity:close\"]').disabled }", arg=activity)
        agenda = agenda_state(page)
        assert [a["id"] for a in agenda if a["status"] == "open"] == [activity], agenda
        for item in agenda:
            this = item["id"] == activity
            assert item["open"] is not this and item["close"] is this, item
            assert item["show"] is not this, item
        # Waits: the buttons stay disabled until the command's answer too (not only the state).
        for selector, should in (("#agenda-previous", step > 0),
                                 ("#agenda-next", step < len(ids) - 1)):
            button = expect(page.locator(selector))
            button.to_be_enabled() if should else button.to_be_disabled()
        page.locator(f"#stage .activity[data-activity='{activity}']").wait_for()
        check_kind(page, kinds[step])
        thumb.locator(f"#stage > .activity[data-activity='{activity}']").wait_for()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"1366x768-step-{step + 1}-{kinds[step]}.png"))

    # Past the end nothing happens; typing an "n" in a field is text, not a shortcut.
    last = agenda_state(page)
    page.keyboard.press("n")
    page.locator("#assisted-name").fill("n")
    page.locator("#assisted-name").press("n")
    assert agenda_state(page) == last


def test_previous_and_keep_open_from_the_console(server, console):
    page = console
    ids = server.session["activities"]
    # Where the first test left off: the last activity is open.
    page.wait_for_function(f"() => Cafe.state.session.current === {ids[-1]}")
    page.locator("#keep-open").check()
    page.evaluate("() => document.activeElement.blur()")  # shortcuts wait while in a field
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => Cafe.state.session.current === {ids[-2]}")
    page.wait_for_function("() => document.querySelectorAll("
                           "'#agenda .agenda-item[data-status=open]').length === 2")
    page.locator("#keep-open").uncheck()
    page.locator("#agenda-previous").click()
    page.wait_for_function(f"() => Cafe.state.session.current === {ids[-3]}")
    page.wait_for_function("() => document.querySelectorAll("
                           "'#agenda .agenda-item[data-status=open]').length === 1")
    # The join screen and strip, from the console, on the projector thumbnail.
    thumb = page.frame_locator(".projector-thumb iframe")
    page.locator("#toggle-join-screen").click()
    thumb.locator("body[data-join='screen']").wait_for()
    page.evaluate("() => document.activeElement.blur()")
    # The console and the thumbnail get the change separately: wait for the console's too.
    expect(page.locator("#toggle-join-screen")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("j")
    thumb.locator("body[data-join='strip']").wait_for()
    page.keyboard.press("s")
    thumb.locator("body[data-strip='off']").wait_for()
    expect(page.locator("#toggle-join-strip")).to_have_attribute("aria-pressed", "false")


def facilitator_page(server, browser, path):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": k, "value": v, "url": server.url}
                         for k, v in server.login().cookies.get_dict().items()])
    page = context.new_page()
    page.goto(server.url + path)
    return page


def test_the_header_leads_back_to_the_sessions_by_keyboard(server, browser):
    """The team page (as the editor and the library) had no way back but the brand."""
    page = facilitator_page(server, browser, f"/console/sessions/{server.session['id']}/team")
    focused = []
    for _ in range(4):  # the skip link, the brand, then the header's links
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.textContent.trim()"))
        if focused[-1] == "Sessions":
            break
    assert focused[-1] == "Sessions", focused
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/console/")
    expect(page.locator(".console-nav a[aria-current=page]")).to_have_text("Sessions")
    page.context.close()


def test_in_french_the_open_button_says_ouvrir_and_the_open_badge_ouvert(server, browser):
    """One msgid served both: the badge of an open activity read "Ouvrir" (open it!)."""
    page = facilitator_page(server, browser, f"/console/sessions/{server.session['id']}?lang=fr")
    page.locator("#agenda .agenda-item").first.wait_for()
    # Whatever the tests before left open: open another from its own agenda button.
    activity = page.locator("#agenda .agenda-item:not([data-status=open])").first \
        .get_attribute("data-activity")
    item = page.locator(f"#agenda .agenda-item[data-activity='{activity}']")
    button = item.locator("[data-action='activity:open']")
    expect(button).to_have_text("Ouvrir")
    button.click()
    expect(item).to_have_attribute("data-status", "open")
    expect(item.locator(".badge")).to_have_text("Ouvert")
    expect(item.locator("[data-action='activity:open']")).to_have_text("Ouvrir")
    page.context.close()
