"""Issue 26, done when: the public "you said, we did" page fits a 360 px phone, passes axe with
0 serious or critical violations in NL/FR/EN, and weighs under 60 KB gzip without the charts'
data. Run against a real server with a trajectory made through the console's forms."""

import gzip
import re

import pytest

from tests.support.axe import audit

pytestmark = [pytest.mark.browser, pytest.mark.server]
LANGUAGES = ("nl", "fr", "en")
LIMIT = 60_000


def _token(http, url) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', http.get(url, timeout=10).text).group(1)


@pytest.fixture(scope="module")
def published(live_server):
    live = live_server()
    http = live.login()
    hoods = live.url + "/console/neighbourhoods/"
    made = http.post(hoods, data={"name": "Sint-Amandsberg", "csrf_token": _token(http, hoods)},
                     allow_redirects=False, timeout=10)
    hood = made.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    base = f"{live.url}/console/neighbourhoods/{hood}/trajectory"
    token = _token(http, base + "/")

    def post(path, **data):
        answer = http.post(base + path, data={"csrf_token": token, **data},
                           allow_redirects=False, timeout=30)
        assert answer.status_code == 302, answer.text
        assert "error" not in http.get(base + "/", timeout=10).text.split("<main", 1)[1][:400]

    for n in range(8):
        post("/actions", title=f"Actie {n}: een buurtmaaltijd elke maand in het dienstencentrum",
             answers="Eenzaamheid bij ouderen", carrier="Dienstencentrum",
             start="2026-02-01", due="2026-12-01", day="2026-01-20")
        post(f"/actions/{n + 1}/status", status="started", day="2026-03-01")
        post(f"/actions/{n + 1}/note", text="Eerste maaltijd met 25 bewoners", day="2026-04-01")
    post("/actions/1/status", status="dropped", reason="Geen zaal meer", day="2026-06-01")
    for n, name in enumerate(("Bewoners op de buurtmaaltijd", "Eenzaamheidsscore",
                              "Aantal bankjes")):
        post("/indicators", name=name, unit="", direction="down" if n == 1 else "up",
             baseline="12", baseline_date="2026-01-15", target="40")
        for month, value in ((4, 20), (8, 26), (12, 31)):
            post(f"/indicators/{n + 1}/values", day=f"2026-{month:02d}-15", value=str(value),
                 source="Telling")
    post("/publish", published="1")
    key = re.search(r"/buurt/([\w-]+)", http.get(base + "/", timeout=10).text).group(1)
    return live, key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_public_page_fits_360_px_passes_axe_and_is_light(published, browser, lang):
    live, key = published
    # bypass_csp: axe is injected as a script, as in tests/test_accessibility.py.
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  locale=lang, bypass_csp=True)
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(f"{live.url}/buurt/{key}?lang={lang}")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("img[src*='/indicators/']").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert audit(page) == []
    # Everything but the charts, as the browser fetched it, compressed as a server would send it.
    weight = 0
    for request in loaded:
        if "/indicators/" in request.url:
            continue
        body = request.response().body()
        weight += len(gzip.compress(body))
    assert 0 < weight < LIMIT, weight
    poster = context.new_page()
    poster.goto(f"{live.url}/buurt/{key}?lang={lang}&poster=1")
    assert poster.locator("img.poster-qr").evaluate("img => img.naturalWidth") > 0
    assert audit(poster) == []
    context.close()


def test_an_unpublished_or_unknown_page_is_not_found(published):
    live, key = published
    import requests  # only this test talks to the server without a browser

    assert requests.get(f"{live.url}/buurt/{key}x", timeout=10).status_code == 404
