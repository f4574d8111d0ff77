"""A panelist opens their personal link on a 390 px phone and answers without pressing Save:
each choice is kept, the page stays where it was, and a reload shows every answer again.
axe finds no serious or critical violation on the page in Dutch, French and English."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.browser import browser  # noqa: F401
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.server]

AXE = Path(__file__).parents[1] / "vendor" / "axe.min.js"
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
SEED = """
import json
from cafe import create_app
from cafe.auth.models import Facilitator
from cafe.delphi import services
from cafe.extensions import db
app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": %r})
rows = %r
with app.app_context():
    owner = db.session.scalar(db.select(Facilitator))
    study = services.create_study(owner, "Delphi Noord", "nl", ["Partners"],
                                  [(theme, nl) for theme, nl, fr, en in rows])
    for statement, (theme, nl, fr, en) in zip(study.statements, rows):
        statement.translations = {"fr": fr, "en": en}
    tokens = {}
    for lang in ("nl", "fr", "en"):
        tokens[lang] = services.add_panelists(study, study.panels[0].id, 1, lang)[0].token
    services.open_round(study)
    db.session.commit()
    print(json.dumps({"tokens": tokens, "statements": [s.id for s in study.statements],
                      "study": study.id}))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("delphi"), async_mode="eventlet")
    live.seed()
    out = subprocess.run([sys.executable, "-c", SEED % (live.database_url, STATEMENTS)],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, CAFE_INSTANCE_PATH=str(live.instance)))
    live.delphi = json.loads(out.stdout.strip().splitlines()[-1])
    live.start()
    yield live
    live.stop()


def audit(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})""")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_answers_are_saved_as_they_are_chosen(server, browser):  # noqa: F811
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
def test_panelist_page_has_no_serious_violations(server, browser, lang):  # noqa: F811
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


def test_facilitator_page_with_charts_has_no_serious_violations(server, browser):  # noqa: F811
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
