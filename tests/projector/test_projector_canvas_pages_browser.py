"""A full theory-of-change canvas on the projector: 8 boxes of 15 items of a real evening's
length, at 1280×720 and 1920×1080. Nothing overflows the screen, every full box says which of
its pages it shows ("Page 1 of 4"), and the boxes turn their pages by themselves until every
item of every box has been on the screen, whole. The projector's `?page_seconds=1` turns the
pages quickly so the test sees a whole cycle; screenshots in test-results/projector/."""

import pytest

from tests.support.factories import cid
from tests.support.paging import every_item_comes_by
from tests.support.projector import check
from tests.support.server import Recorder, create_missing_tables

pytestmark = [pytest.mark.browser, pytest.mark.server]

FIELDS = ["long_term_change", "outcomes", "activities", "target_group", "actors_resources",
          "assumptions", "context", "indicators"]
# What neighbours write: a few words to the canvas's limit of 140 characters.
ITEMS = [
    "Niemand in de buurt voelt zich nog alleen, ook niet wie slecht ter been is of geen familie "
    "meer heeft in de stad",
    "Ouderen kunnen langer thuis blijven wonen",
    "Buren kennen elkaars naam en groeten elkaar op straat, ook wie pas is komen wonen",
    "Een buurthuis dat elke avond open is, met vrijwilligers uit de wijk aan de bar en in de "
    "keuken",
    "Wekelijkse buurtsoep",
    "Jongeren hebben een eigen plek na school waar ze niet weggestuurd worden en zelf iets mogen "
    "organiseren voor de wijk",
    "Mantelzorgers weten waar ze terecht kunnen met vragen, en vinden elkaar om ervaringen te "
    "delen en taken af te wisselen",
    "Meer bankjes en schaduw op het plein",
    "De bus naar het ziekenhuis rijdt elk halfuur, ook op zondag, en stopt dicht bij de ingang "
    "zodat niemand ver hoeft te lopen",
    "Nieuwe buren worden welkom geheten door een buddy die hun taal spreekt",
    "Repair café elke eerste zaterdag",
    "De school stelt op woensdag haar zaal open voor de buurt: sport, huiswerkhulp en koffie voor "
    "ouders die op hun kinderen wachten",
    "Het aantal mensen dat zegt dat ze iemand kunnen bellen als het misgaat, gemeten elk jaar in "
    "een korte enquête aan de deur",
    "Een wijkagent die luistert en terugkomt",
    "Stoepen zonder drempels van de markt tot de apotheek, zodat rolstoelen en rollators overal "
    "door kunnen zonder hulp van anderen",
]

@pytest.fixture(scope="module")
def full_canvas(live_server):
    live = live_server(plan="veranderingstheorie", prepare=create_missing_tables)
    s = live.session
    activity = s["activities"][3]
    console = Recorder(live.url, {"session": s["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    projector = Recorder(live.url, {"session": s["code"], "view": "projector", "key": s["key"]})
    assert console.call("activity:open", {"cid": cid("open"), "activity": activity})["ok"]
    view = projector.wait_for(lambda e, d: e == "activity" and d["id"] == activity
                              and d["data"]["canvases"])
    canvas = view["data"]["canvases"][0]["id"]
    for f, field in enumerate(FIELDS):
        for n in range(15):
            text = ITEMS[(n + 2 * f) % len(ITEMS)]  # every box in its own order
            answer = console.call("canvas:add", {"cid": cid(f"add-{f}-{n}"), "canvas": canvas,
                                                 "field": field, "text": text})
            assert answer["ok"], answer
    assert console.call("activity:show", {"cid": cid("show"), "activity": activity})["ok"]
    projector.close()
    live.activity = activity
    yield live
    console.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_item_of_a_full_canvas_comes_on_the_screen(full_canvas, browser, size):
    width, height = size
    s = full_canvas.session
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{full_canvas.url}/p/{s['code']}?key={s['key']}&page_seconds=1")
    page.wait_for_function(
        "([id]) => document.body.dataset.fitted === String(id) && "
        "document.querySelectorAll('#stage .canvas-card').length === 120",
        arg=[full_canvas.activity])
    boxes = page.locator("#stage .canvas-box")
    assert boxes.count() == 8
    for box in boxes.all():
        assert box.locator(".canvas-card").count() == 15
        # Too many for the box: it says which of its pages it shows, not "and N more".
        assert box.locator(".fit-pages span").first.inner_text().startswith("Page ")
        assert " more" not in box.inner_text()
    check(page, width, height, "canvas-full")

    # The boxes turn by themselves until every item of every box was on the screen, whole,
    # each showing "Page 1 of N" to "Page N of N".
    areas = [f'#stage .canvas-box[data-field="{f}"]' for f in FIELDS]
    every_item_comes_by(page, areas, ".canvas-card", ".canvas-card-text", paged=set(areas),
                        timeout=30_000)
    check(page, width, height, "canvas-full-later")
    context.close()
