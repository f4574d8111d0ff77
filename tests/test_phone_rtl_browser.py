"""An Arabic phone at 390×844 through the whole demo plan: the page is as wide as the screen,
the activity shows on the first screen, axe finds nothing serious, and no interface string is
left in English."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.support.browser import browser  # noqa: F401
from tests.support.factories import cid
from tests.support.server import LiveServer, Recorder
from tests.test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.server]

CATALOG = Path(__file__).parent.parent / "cafe" / "translations" / "ar" / "LC_MESSAGES"
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
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("rtl"), async_mode="eventlet")
    live.session = live.seed()
    live.start()
    yield live
    live.stop()


def test_an_arabic_phone_fits_the_screen_speaks_arabic_and_passes_axe(server, browser):  # noqa: F811
    s = server.session
    context = browser.new_context(bypass_csp=True, viewport={"width": WIDTH, "height": HEIGHT},
                                  is_mobile=True, locale="ar")
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{s['code']}")
    phone.get_by_label("العربية").check()
    phone.locator("form button[type=submit]").click()
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
