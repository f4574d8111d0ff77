"""A panelist opens their personal link on a 390 px phone and answers without pressing Save:
each choice is kept, the page stays where it was, and a reload shows every answer again.
axe finds no serious or critical violation on the page in Dutch, French and English."""


import pytest

from tests.support.axe import audit
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.server import run_seed

pytestmark = [pytest.mark.browser, pytest.mark.server]

STATEMENTS = [  # (theme, Dutch, French, English): eight, as in a real round 1
    ("Intervention", "Een buurtpunt in het dienstencentrum",
     "Un point de quartier au centre de services", "A neighbourhood desk in the service centre"),
    ("Intervention", "Vrijwilligers bellen wekelijks alleenwonende ouderen",
     "Des bénévoles appellent chaque semaine les aînés isolés",
     "Volunteers call older people who live alone every week"),
    ("Context", "Het plein autovrij maken", "Rendre la place sans voitures",
     "Make the square car-free"),
    ("Context", "Meer bankjes langs de wandelroute", "Plus de bancs le long de la promenade",
     "More benches along the walking route"),
    ("Actors", "De apotheker signaleert eenzaamheid", "Le pharmacien signale l’isolement",
     "The pharmacist flags loneliness"),
    ("Actors", "De school doet mee aan de buurtanalyse", "L’école participe à l’analyse",
     "The school takes part in the analysis"),
    ("Mechanisms", "Mensen vragen sneller hulp aan buren", "On demande plus vite de l’aide",
     "People ask neighbours for help sooner"),
    ("Outcomes", "Minder spoedopnames bij 75-plussers", "Moins d’urgences chez les 75 ans et +",
     "Fewer emergency admissions over 75"),
]


@pytest.fixture(scope="module")
def server(live_server):
    def study(live):
        live.delphi = run_seed("delphi_round", live.instance, live.database_url, STATEMENTS)

    return live_server(prepare=study)


def test_answers_are_saved_as_they_are_chosen(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    url = f"{server.url}/d/{server.delphi['tokens']['nl']}"
    page.goto(url)
    assert page.locator("#delphi-progress").inner_text() == "0 van 8 beantwoord"
    assert not page.get_by_role("button", name="Dit antwoord bewaren").first.is_visible()
    first = page.locator(f"#s{server.delphi['statements'][0]}")
    points = first.locator("fieldset.scale").first.locator(".scale-point")
    tops = {round(points.nth(i).bounding_box()["y"]) for i in range(5)}
    assert len(tops) == 1, "the five points wrap on a 390 px screen"
    assert "helemaal niet" in points.nth(0).inner_text()
    assert "heel erg" in points.nth(4).inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390

    chosen = {}
    for n, sid in enumerate(server.delphi["statements"][2:5]):
        form = page.locator(f"#s{sid}")
        form.scroll_into_view_if_needed()
        form.get_by_label("4", exact=True).first.check()
        chosen[sid] = 4
        if n == 1:
            form.locator("textarea").fill("Dicht bij huis, dus bereikbaar voor ouderen")
            form.get_by_label("Voor", exact=True).check()
        page.locator("#delphi-progress").filter(has_text=f"{n + 1} van 8 beantwoord").wait_for()
        form.locator(".save-state").filter(has_text="Bewaard").wait_for()
        assert page.evaluate("window.scrollY") > 0, "the page jumped back to the top"
    page.reload()
    assert page.locator("#delphi-progress").inner_text() == "3 van 8 beantwoord"
    for sid in chosen:
        form = page.locator(f"#s{sid}")
        assert form.locator("input[name=rating-desirability][value='4']").is_checked()
    middle = page.locator(f"#s{server.delphi['statements'][3]}")
    assert middle.locator("textarea").input_value() == "Dicht bij huis, dus bereikbaar voor ouderen"
    assert middle.locator("input[name=stance][value=for]").is_checked()
    page.get_by_role("link", name="Ik ben klaar voor deze ronde").click()
    assert page.get_by_role("heading", name="Wat gebeurt er nu?").is_visible()
    assert "3 van 8 beantwoord" in page.content()
    context.close()


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_panelist_page_has_no_serious_violations(server, browser, lang):
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844},
                                  is_mobile=True, locale=lang)
    page = context.new_page()
    page.goto(f"{server.url}/d/{server.delphi['tokens'][lang]}")
    assert page.locator("html").get_attribute("lang") == lang
    expected = STATEMENTS[0][1 + ["nl", "fr", "en"].index(lang)]
    assert expected in page.content()
    assert audit(page) == []
    page.goto(f"{server.url}/d/{server.delphi['tokens'][lang]}/done")
    assert audit(page) == []
    context.close()


def test_facilitator_page_with_charts_has_no_serious_violations(server, browser):
    import re

    import requests

    panelist = requests.Session()  # an answer of its own, so the charts have something to draw
    url = f"{server.url}/d/{server.delphi['tokens']['en']}"
    token = re.search(r'name="csrf_token" value="([^"]+)"', panelist.get(url).text).group(1)
    assert panelist.post(url + "/answer", headers={"X-CSRFToken": token}, json={
        "statement": server.delphi["statements"][0], "ratings": {"desirability": 2},
        "argument": "Too far for people without a car", "stance": "against",
        "cid": "facilitator-test"}).json()["ok"]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    desk = context.new_page()
    desk.goto(f"{server.url}/login")
    desk.fill("#username", "anna")
    desk.fill("#password", FACILITATOR_PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.wait_for_url("**/console/**")
    for lang in ("nl", "fr", "en"):
        desk.goto(f"{server.url}/console/delphi/{server.delphi['study']}?lang={lang}")
        assert desk.locator("svg.delphi-chart").count() == len(STATEMENTS)
        assert audit(desk) == [], lang
    context.close()
