"""Issue 30, items 1 and 2 and the "only in Dutch" line: every text on a phone says the
language it is written in. The demo plan has Dutch and French texts and the session speaks
English, so an Arabic or English phone shows the Dutch versions: each is marked lang="nl"
(title, prompt, the round's question, statements, the header), the phone says in the reader's
language that the question is only in Dutch, and read-aloud says that line with the reader's
voice and the Dutch text with a Dutch one. A French phone reads French, unmarked."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

# speechSynthesis as a recorder: what would be said, with which language, in order.
SPEECH = """
window.__spoken = [];
const recorder = {speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); },
                  cancel() {}, pause() {}, resume() {}, getVoices() { return []; },
                  speaking: false, pending: false};
Object.defineProperty(window, 'speechSynthesis', {value: recorder, configurable: true});
if (!window.SpeechSynthesisUtterance) {
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; };
}
"""
ONLY_DUTCH = {"ar": "هذا السؤال متوفر باللغة الهولندية فقط.",
              "en": "This question is only in Dutch.",
              "fr": "Cette question n’existe qu’en néerlandais."}
SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "accessibility"
LABELS = {"ar": "العربية", "en": "English", "fr": "Français", "nl": "Nederlands"}


@pytest.fixture(scope="module")
def server(live_server):
    # A shared process, one start-up fewer: only sessions of its own, no database or log read; its
    # console cids (l-..., st-open) differ from the other shared modules' (kept per account).
    live = live_server(shared=True)
    yield live


def phone(browser, server, code, lang):
    """A phone joined in `lang` whose speechSynthesis records what it would say."""
    page = phone_page(browser, server.url, code, language=LABELS[lang], bypass_csp=True)
    page.context.add_init_script(SPEECH)
    page.reload()
    page.locator(".waiting").wait_for()
    return page


def spoken(page) -> list[dict]:
    page.locator("#read-aloud").click()
    return page.evaluate("window.__spoken.splice(0)")


def plan_session(server, http, plan, language) -> dict:
    """A session made in the console from `plan` with the plan's own title (its versions)."""
    page = http.get(server.url + "/console/", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    made = http.post(server.url + "/console/sessions", data={
        "title": "", "language": language, "plan": plan, "csrf_token": token},
        allow_redirects=False, timeout=10)
    session_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    detail = http.get(f"{server.url}/api/v1/sessions/{session_id}", timeout=10).json()["session"]
    return {"code": detail["code"], "activities": [a["id"] for a in detail["agenda"]]}


def console_for(server, http, code):
    return Recorder(server.url, {"session": code, "view": "console"},
                    cookies=http.cookies.get_dict())


def test_fallback_texts_are_marked_said_and_read_in_their_own_language(server, browser):
    http = server.login()
    s = plan_session(server, http, "kickoff-buurtanalyse", "en")  # Dutch and French texts
    arabic = phone(browser, server, s["code"], "ar")
    french = phone(browser, server, s["code"], "fr")
    # The header's title: the French phone's own, the Arabic phone's the Dutch fallback.
    expect(arabic.locator("h1.phone-title")).to_have_attribute("lang", "nl")
    assert french.locator("h1.phone-title").get_attribute("lang") is None
    console = console_for(server, http, s["code"])
    welcome, board, vote, cafe = s["activities"][:4]

    for n, activity in enumerate((welcome, board, vote)):
        assert console.call("activity:open", {"cid": cid(f"l{n}"), "activity": activity})["ok"]
        for page in (arabic, french):
            page.locator(f"[data-activity='{activity}'] .activity-title").wait_for()
        stage = arabic.locator("#stage")
        # Item 2: the Arabic phone marks the Dutch title and prompt (WCAG 3.1.2).
        assert stage.locator(".activity-title").get_attribute("lang") == "nl"
        prompt = stage.locator("[data-read-aloud]").nth(1)
        assert prompt.get_attribute("lang") == "nl"
        assert french.locator("#stage [data-read-aloud][lang]").count() == 0
        # The line before the text, in Arabic, naming Dutch in Arabic.
        expect(arabic.locator("#lang-note")).to_have_text(ONLY_DUTCH["ar"])
        expect(french.locator("#lang-note")).to_be_hidden()
        # Item 1: read-aloud says the line in Arabic, then the Dutch texts in Dutch.
        said = spoken(arabic)
        title = stage.locator(".activity-title").inner_text()
        assert [part["lang"] for part in said] == ["ar", "nl"], said
        assert said[0]["text"] == ONLY_DUTCH["ar"]
        assert said[1]["text"].startswith(title) and prompt.inner_text()[:40] in said[1]["text"]
        assert re.search(r"[a-z]", said[1]["text"])  # Dutch words, not Arabic script
        said = spoken(french)
        assert [part["lang"] for part in said] == ["fr"], said
        assert said[0]["text"].startswith(french.locator("#stage .activity-title").inner_text())

    # A World Café round: its question has Dutch and French versions too.
    assert console.call("activity:open", {"cid": cid("l-cafe"), "activity": cafe})["ok"]
    assert console.call("worldcafe:allocate", {"cid": cid("l-alloc"), "activity": cafe})["ok"]
    assert console.call("worldcafe:start", {"cid": cid("l-start"), "activity": cafe})["ok"]
    question = arabic.locator(".wc-question")
    expect(question).to_have_attribute("lang", "nl")
    expect(french.locator(".wc-question")).not_to_have_attribute("lang", re.compile("."))
    said = spoken(arabic)
    assert [part["lang"] for part in said] == ["ar", "nl"]
    assert said[1]["text"].endswith(question.inner_text())
    SHOTS.mkdir(parents=True, exist_ok=True)
    arabic.screenshot(path=str(SHOTS / "phone-ar-worldcafe.png"))
    said = spoken(french)
    assert said == [{"text": said[0]["text"], "lang": "fr"}]
    assert said[0]["text"].endswith(french.locator(".wc-question").inner_text())
    console.close()
    arabic.context.close()
    french.context.close()


def test_statements_in_the_plans_language_are_marked_and_read_so(server, browser):
    """A Dutch plan's statements, run with a French projector: an English phone marks each
    statement (the one to vote on and the list) lang="nl", and reads it in Dutch."""
    http = server.login()
    s = plan_session(server, http, "stellingen", "fr")
    english = phone(browser, server, s["code"], "en")
    console = console_for(server, http, s["code"])
    statements = s["activities"][1]
    assert console.call("activity:open", {"cid": cid("st-open"), "activity": statements})["ok"]
    current = english.locator(".st-current")
    expect(current).to_have_attribute("lang", "nl")
    english.locator(".st-all summary").click()
    rows = english.locator(".st-item-text")
    expect(rows.first).to_have_attribute("lang", "nl")
    assert {rows.nth(n).get_attribute("lang") for n in range(rows.count())} == {"nl"}
    expect(english.locator("#lang-note")).to_have_text(ONLY_DUTCH["en"])
    said = spoken(english)
    assert [part["lang"] for part in said] == ["en", "nl"]
    assert said[1]["text"].endswith(current.inner_text())
    console.close()
    english.context.close()
