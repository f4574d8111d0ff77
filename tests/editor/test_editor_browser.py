"""The agenda editor in a real browser: a facilitator builds the shipped kick-off plan from a
blank session through the UI only (Dutch and French texts, every setting), the stored agenda
equals the plan file, saved as a plan and exported it parses to the same agenda, a French phone
sees the French prompts; reordering by keyboard. (axe on the editor pages in NL, FR and EN:
tests/accessibility/test_axe_editor_team_errors.py.)"""

import json
import re
import sqlite3

import pytest

from cafe.domain.texts import versions
from cafe.sessions.plans import available_plans, load_plan, parse_plan
from tests.support.console import empty_session_in_editor
from tests.support.factories import FACILITATOR_PASSWORD, cid
from tests.support.kinds import all_kinds
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

PLAN = "kickoff-buurtanalyse"


@pytest.fixture(scope="module")
def server(live_server):
    # Its own process: the tests read the database file and pick the first session listed.
    return live_server(plan=PLAN)


@pytest.fixture(scope="module")
def desk(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    page = context.new_page()
    page.goto(f"{server.url}/login")
    page.fill("#username", "anna")
    page.fill("#password", FACILITATOR_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/console/")
    yield page
    context.close()


def stored_agenda(server, session_id: int) -> list[dict]:
    """The agenda as the database holds it, in the shape of `plan_agenda` below."""
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        language = db.execute("select language from sessions where id = ?",
                              (session_id,)).fetchone()[0]
        rows = db.execute("select kind, title, prompt, texts, settings from activities "
                          "where session_id = ? order by position", (session_id,)).fetchall()
    out = []
    for kind, title, prompt, texts, settings in rows:
        texts = json.loads(texts) if texts else {}
        out.append({"kind": kind,
                    "title": versions(texts.get("title") or title, language),
                    "prompt": versions(texts.get("prompt") or prompt, language),
                    "settings": json.loads(settings)})
    return out


def plan_agenda(plan) -> list[dict]:
    return [{"kind": a.kind, "title": versions(a.title, plan.language),
             "prompt": versions(a.prompt, plan.language),
             "settings": all_kinds()[a.kind].validate_settings(a.settings)}
            for a in plan.activities]


def fill_settings(page, settings: dict, languages):
    """Fill every field of the settings form from a plan's (validated) settings."""
    for name, value in settings.items():
        if name == "constraints":
            continue  # set while the café runs, not in the editor
        if name != "rounds" and not page.locator(f"#field-{name}").is_visible():
            # A setting that does not apply now (dots for a ranking) is hidden but still posts.
            page.locator(f"#field-{name}").evaluate(
                """(box, value) => box.querySelectorAll("input, select, textarea").forEach(
                     (f) => { if (f.type === "checkbox") f.checked = Array.isArray(value)
                                ? value.includes(f.value) : !!value;
                              else f.value = Array.isArray(value) ? value.join("\\n")
                                : (value == null ? "" : String(value)); })""", value)
            continue
        if name == "rounds":
            for n, round_ in enumerate(value, start=1):
                for lang in languages:
                    page.fill(f"#round-{n}-question-{lang}", round_["question"][lang])
                page.fill(f"#round-{n}-minutes", str(round_["minutes"]))
        elif isinstance(value, bool):
            page.locator(f"#set-{name}").set_checked(value)
        elif isinstance(value, list):
            boxes = page.locator(f"input[type=checkbox][name={name}]")
            if boxes.count():
                for i in range(boxes.count()):
                    box = boxes.nth(i)
                    box.set_checked(box.get_attribute("value") in value)
            else:
                page.fill(f"#set-{name}", "\n".join(value))
        elif page.locator(f"select#set-{name}").count():
            page.select_option(f"#set-{name}", str(value))
        else:
            page.fill(f"#set-{name}", "" if value is None else str(value))


def test_build_the_kickoff_plan_through_the_ui(server, desk, browser):
    plan = load_plan(available_plans()[PLAN], all_kinds())
    wanted = plan_agenda(plan)
    page = desk
    session_id = empty_session_in_editor(page, server.url, "Kick-off vanuit het niets")

    for activity in wanted:
        page.locator(f"a[href$='/agenda/new/{activity['kind']}']").click()
        for lang in plan.languages:
            page.fill(f"#title-{lang}", activity["title"][lang])
            page.fill(f"#prompt-{lang}", activity["prompt"][lang])
        fill_settings(page, activity["settings"], plan.languages)
        page.locator("form.editor-form button[type=submit]").click()
        page.wait_for_selector("#editor-agenda")
        assert not page.locator(".field-error").count()

    assert stored_agenda(server, session_id) == wanted

    # Saved as a plan in the library, exported: the file parses to the shipped plan's agenda.
    page.goto(f"{server.url}/console/sessions/{session_id}/agenda")
    page.fill("#plan-title", "Kick-off, opnieuw opgebouwd")
    page.locator("#save-plan button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/console/plans#plan-saved-\d+$"))
    saved = page.url.rsplit("#", 1)[1]
    href = page.locator(f"#{saved} a[href$='/export']").get_attribute("href")
    exported = page.request.get(server.url + href)
    assert exported.ok
    again = parse_plan(exported.text(), "exported.toml", all_kinds())
    assert plan_agenda(again) == wanted
    assert again.languages == plan.languages

    # A French phone: the join page follows its browser, the prompts are the French ones.
    code = re.search(r"/j/(\w+)", page.goto(
        f"{server.url}/console/sessions/{session_id}").text()).group(1)
    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                        locale="fr-BE")
    phone = phone_context.new_page()
    phone.goto(f"{server.url}/j/{code}")
    assert phone.locator("html").get_attribute("lang") == "fr"
    phone.get_by_role("button", name="Participer").click()
    phone.wait_for_url(f"**/s/{code}")
    http = server.login()
    console = Recorder(server.url, {"session": code, "view": "console"},
                       cookies=http.cookies.get_dict())
    ids = [a["id"] for a in console.wait_for(lambda e, d: e == "state")["session"]["agenda"]]
    for n, activity in enumerate(plan.activities[:2]):
        assert console.call("activity:open", {"cid": cid(f"fr-{n}"), "activity": ids[n]})["ok"]
        stage = phone.locator(f"[data-activity='{ids[n]}']")
        stage.wait_for()
        phone.wait_for_function(
            "([id, text]) => document.querySelector(`[data-activity='${id}']`)"
            ".innerText.includes(text)", arg=[ids[n], activity.title["fr"]])
        first_line = activity.prompt["fr"].strip().splitlines()[0]
        assert first_line.split(":")[0] in stage.inner_text()
    console.close()
    phone_context.close()


def test_reordering_with_the_keyboard(server, desk):
    page = desk
    page.goto(f"{server.url}/console/")
    page.locator(".session-list a").first.click()
    session_id = int(page.url.rsplit("/", 1)[1])
    page.goto(f"{server.url}/console/sessions/{session_id}/agenda")
    titles = page.locator(".editor-item-title").all_inner_texts()
    down = page.locator(".editor-item").first.locator("button[data-direction=down]")
    down.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(t) => document.querySelector('.editor-item-title').innerText !== t", arg=titles[0])
    moved = [titles[1], titles[0], *titles[2:]]
    assert page.locator(".editor-item-title").all_inner_texts() == moved
    # Focus stays on the moved item's button; the new place is announced.
    assert page.evaluate("document.activeElement.dataset.direction") == "down"
    page.wait_for_function("() => document.getElementById('editor-status').textContent.length > 0")
    assert titles[0] in page.locator("#editor-status").inner_text()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(t) => document.querySelector('.editor-item-title').innerText === t", arg=titles[0])
    page.reload()
    assert page.locator(".editor-item-title").all_inner_texts() == titles
    # Dragging works too: the last activity dropped on the first takes its place.
    items = page.locator(".editor-item")
    items.last.drag_to(items.first)
    page.wait_for_function(
        "(t) => document.querySelector('.editor-item-title').innerText === t", arg=titles[-1])
    page.reload()
    assert page.locator(".editor-item-title").all_inner_texts() == [titles[-1], *titles[:-1]]


def test_every_activity_previews_without_errors(server, desk):
    errors = []
    desk.on("pageerror", lambda exc: errors.append(str(exc)))
    base = f"{server.url}/console/sessions/{server.session['id']}/agenda"
    for activity in server.session["activities"]:
        for query in ("view=phone&lang=nl", "view=phone&lang=fr", "view=projector"):
            desk.goto(f"{base}/{activity}/preview?{query}")
            desk.locator(f"#stage [data-activity='{activity}']").wait_for()
    assert errors == []


def test_the_preview_beside_the_form_follows_her_typing_in_french(server, desk):
    """Issue 25 item 5: the phone and projector frames beside the form show what she types in
    the preview's language, debounced, while the editor keeps her language; nothing is saved."""
    activity = server.session["activities"][0]
    desk.goto(f"{server.url}/console/sessions/{server.session['id']}/agenda/{activity}")
    own = desk.locator("html").get_attribute("lang")  # her account's language
    assert own != "fr"
    assert desk.locator("#preview-phone").get_attribute("width") == "390"
    desk.select_option("#preview-lang", "fr")
    desk.fill("#title-fr", "Bonsoir le quartier")
    for frame in ("#preview-phone", "#preview-projector"):
        title = desk.frame_locator(frame).locator(f"#stage [data-activity='{activity}'] "
                                                  ".activity-title")
        title.filter(has_text="Bonsoir le quartier").wait_for()
        assert desk.frame_locator(frame).locator("html").get_attribute("lang") == "fr"
    assert desk.locator("html").get_attribute("lang") == own
    strip = desk.frame_locator("#preview-projector").locator("#join-strip")
    assert strip.count() == 1


def test_the_preview_follows_every_setting_people_see_before_saving(server, desk):
    """Issue 25 item 5: a World Café's question and a vote's dots and reveal change both
    frames as she types, in the preview's language (French), before she saves; the editor
    stays in her language and nothing is stored."""
    base = f"{server.url}/console/sessions/{server.session['id']}/agenda"
    _info, _board, vote, cafe = server.session["activities"][:4]
    before = stored_agenda(server, server.session["id"])
    desk.goto(f"{base}/{cafe}")
    own = desk.locator("html").get_attribute("lang")
    desk.select_option("#preview-lang", "fr")
    desk.fill("#round-1-question-fr", "Quel est votre rêve pour la rue ?")
    for frame in ("#preview-phone", "#preview-projector"):
        shown = desk.frame_locator(frame).locator(f"[data-activity='{cafe}'] .wc-question")
        shown.filter(has_text="Quel est votre rêve pour la rue ?").wait_for()
        assert desk.frame_locator(frame).locator("html").get_attribute("lang") == "fr"
    # The phone knows its table and who writes there, as in round 1.
    phone = desk.frame_locator("#preview-phone").locator(f"[data-activity='{cafe}']")
    assert phone.locator(".wc-go").inner_text().strip()

    desk.goto(f"{base}/{vote}")
    desk.select_option("#preview-lang", "fr")
    projector = desk.frame_locator("#preview-projector").locator(f"[data-activity='{vote}']")
    projector.locator(".vote-hidden-note").wait_for()  # results on reveal, as stored
    desk.fill("#set-dots", "7")
    desk.select_option("#set-reveal", "live")
    budget = desk.frame_locator("#preview-phone").locator(f"[data-activity='{vote}'] .vote-budget")
    budget.filter(has_text=re.compile(r"\b7\b")).wait_for()
    projector.locator(".vote-hidden-note").wait_for(state="hidden")
    assert desk.frame_locator("#preview-phone").locator("html").get_attribute("lang") == "fr"
    assert desk.locator("html").get_attribute("lang") == own
    assert stored_agenda(server, server.session["id"]) == before
