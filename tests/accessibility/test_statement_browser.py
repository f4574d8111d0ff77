"""Issue 30, beyond the anchors: an accessibility statement, linked from every phone page in
every language, saying what was tested, how, what does not work and whom to tell; and large
text and high contrast chosen on the phone, remembered on the device (a cookie the server draws
the page with, so they are there at the first paint without a script) and applied at once by
the page's own script where it has one, without breaking the strict CSP. Without a script (the
join page has none; or JavaScript switched off) the footer's Apply button sets them."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.axe import audit
from tests.support.browser import phone_page

pytestmark = [pytest.mark.browser, pytest.mark.server]

SHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "accessibility"
TITLES = {"nl": "Toegankelijkheidsverklaring", "fr": "Déclaration d’accessibilité",
          "en": "Accessibility statement", "ar": "بيان إمكانية الوصول"}
LINKS = {"nl": "Toegankelijkheid", "fr": "Accessibilité", "en": "Accessibility",
         "ar": "إمكانية الوصول"}
# The classes on <html> when <body> is created: what the first paint is drawn with. And any
# CSP violation the page causes.
WATCH = """
window.__atBody = null; window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
new MutationObserver((changes, observer) => {
  if (!document.body) return;
  window.__atBody = document.documentElement.className;
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def server(live_server):
    # Pages of its own session only (no console events, database or log): a shared process.
    return live_server(shared=True)


@pytest.mark.parametrize("lang", ["nl", "fr", "en", "ar"])
def test_every_phone_page_links_the_statement_in_its_language(server, browser, lang):
    code = server.session["code"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    pages = [f"/j/{code}?lang={lang}", f"/j/{code}/privacy?lang={lang}", f"/j/NOPE42?lang={lang}",
             f"/j/{code}/accessibility?lang={lang}"]
    for path in pages:
        page.goto(server.url + path)
        link = page.get_by_role("link", name=LINKS[lang], exact=True)
        expect(link).to_have_count(1)
        link.click()
        expect(page.locator("h1")).to_have_text(TITLES[lang])
        assert page.evaluate("document.documentElement.lang") == lang
    # The live session page too (the statement then speaks the participant's language).
    labels = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية"}
    phone = phone_page(browser, server.url, code, language=labels[lang])
    # Its final state first: a link clicked while the live page is still starting up can be
    # overtaken by the page's own start (the navigation never happens, CI saw it once).
    phone.locator(".waiting").wait_for()
    with phone.expect_navigation(url="**/accessibility*"):
        phone.get_by_role("link", name=LINKS[lang], exact=True).click()
    expect(phone.locator("h1")).to_have_text(TITLES[lang])
    text = phone.locator("main").inner_text()
    # What was tested and how, in its words: axe in four languages, the keyboard, 320 px.
    for word in ("axe-core", "WCAG 2.1", "320"):
        assert word in text, word
    assert len(phone.locator("main h2").all()) == 5  # status, tests, adjust, limits, contact
    assert phone.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    phone.set_viewport_size({"width": 320, "height": 640})  # nothing scrolls sideways
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.context.close()
    context.close()


def test_large_text_and_high_contrast_are_remembered_and_applied_before_the_first_paint(
        server, browser):
    code = server.session["code"]
    phone = phone_page(browser, server.url, code)  # the real CSP: no bypass
    phone.context.add_init_script(WATCH)
    phone.reload()
    phone.locator(".waiting").wait_for()
    size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    colour = "() => getComputedStyle(document.querySelector('.waiting')).color"
    before, muted = phone.evaluate(size), phone.evaluate(colour)
    assert phone.evaluate("window.__atBody") == ""

    phone.get_by_text("Text size and contrast").click()
    phone.get_by_label("Large text").check()
    phone.get_by_label("High contrast").check()
    assert phone.evaluate(size) >= before * 1.2
    assert phone.evaluate(colour) == "rgb(0, 0, 0)" != muted

    # Remembered on this device: after a reload, and on another page of the phone, the classes
    # are on <html> before <body> exists, and the boxes are ticked.
    for path in (f"/s/{code}", f"/j/{code}/privacy", f"/j/{code}/accessibility"):
        phone.goto(server.url + path)
        assert phone.evaluate("window.__atBody") == "display-text-large display-contrast-high"
        assert phone.evaluate(size) >= before * 1.2
        phone.get_by_text("Text size and contrast").click()
        expect(phone.get_by_label("Large text")).to_be_checked()
    assert phone.evaluate("window.__csp") == []
    assert {"name": "cafe_display", "value": "text-large.contrast-high"}.items() <= next(
        c for c in phone.context.cookies() if c["name"] == "cafe_display").items()
    phone.get_by_label("Large text").uncheck()
    phone.reload()
    assert phone.evaluate("window.__atBody") == "display-contrast-high"

    # The projector opened on the same device stays as the room sees it.
    s = server.session
    phone.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    assert phone.evaluate("getComputedStyle(document.querySelector('.join-step')).color") != (
        "rgb(0, 0, 0)")
    phone.context.close()


def test_large_text_and_high_contrast_pass_axe(server, browser):
    """The choices make nothing worse: axe finds nothing serious with both on, in Arabic too."""
    code = server.session["code"]
    for label, lang in (("English", "en"), ("العربية", "ar")):
        phone = phone_page(browser, server.url, code, language=label, bypass_csp=True)
        if lang == "en":
            # A device that chose before the cookie existed (localStorage): display.js moves
            # the choice into the cookie once, applied before the first paint.
            phone.evaluate("localStorage.setItem('cafe-display', "
                           "JSON.stringify({'text-large': true, 'contrast-high': true}))")
            phone.reload()
            assert phone.evaluate("document.documentElement.className") == (
                "display-text-large display-contrast-high")
            assert phone.evaluate("localStorage.getItem('cafe-display')") is None
            assert "cafe_display=text-large.contrast-high" in phone.evaluate("document.cookie")
        else:
            phone.context.add_cookies([{"name": "cafe_display", "url": server.url,
                                        "value": "text-large.contrast-high"}])
        problems = {}
        for path in (f"/s/{code}", f"/j/{code}/accessibility"):
            phone.goto(server.url + path)
            assert "display-contrast-high" in phone.evaluate("document.documentElement.className")
            problems[path] = audit(phone)
        phone.screenshot(path=str(SHOTS / f"statement-large-contrast-{lang}.png"),
                         full_page=True)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert {path: found for path, found in problems.items() if found} == {}
        phone.context.close()


@pytest.mark.parametrize("scripts", [False, True], ids=["javascript-off", "javascript-on"])
def test_large_text_is_chosen_on_the_join_page_without_a_script(server, browser, scripts):
    """The join page has no script: its footer form (Apply) sets the choice, with JavaScript
    switched off on every page; the phone page it leads to has it too."""
    code = server.session["code"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  java_script_enabled=scripts)
    page = context.new_page()
    page.goto(f"{server.url}/j/{code}")
    size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    before = page.evaluate(size)
    page.get_by_text("Text size and contrast").click()
    page.get_by_label("Large text").check()
    assert page.evaluate(size) == before  # nothing applies it before Apply: no script here
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    assert page.url == f"{server.url}/j/{code}"
    assert page.evaluate(size) >= before * 1.2
    page.get_by_text("Text size and contrast").click()
    expect(page.get_by_label("Large text")).to_be_checked()
    expect(page.get_by_label("High contrast")).not_to_be_checked()

    page.get_by_label("English").check()
    page.get_by_role("button", name="Take part").click()
    page.wait_for_url(f"**/s/{code}")  # the redirect, or (scripts) the address cafe.js shows
    expect(page.locator("#display-prefs")).to_be_attached()
    assert page.evaluate("document.documentElement.className") == "display-text-large"
    assert page.evaluate(size) >= before * 1.2
    page.get_by_text("Text size and contrast").click()
    expect(page.get_by_label("Large text")).to_be_checked()
    # With scripts the phone page applies a box at once: its Apply button is gone.
    expect(page.get_by_role("button", name="Apply")).to_have_count(0 if scripts else 1)
    context.close()
