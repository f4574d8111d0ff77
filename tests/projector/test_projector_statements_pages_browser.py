"""A big opinion-groups round on the projector: 60 statements of 40 to 140 characters that 60
neighbours voted on in three camps, at 1280×720 and 1920×1080. Nothing overflows the screen;
the lists (what every group agrees on, where the room splits) hold every statement the
analysis found, not the first three, and a list too long for its part of the screen says
which of its pages it shows ("Page 1 of 4") and turns them by itself until every statement
of it has been on the screen, whole. `?page_seconds=1` turns the pages quickly so the test
sees a whole cycle; screenshots in test-results/projector/."""


import re

import pytest

from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.paging import every_item_comes_by
from tests.support.projector import check
from tests.support.server import run_seed

pytestmark = [pytest.mark.browser, pytest.mark.server]
# "Page 2 of 3": a list too long for its part of the screen says which page it shows.
PAGE_OF = re.compile(r"Page [1-9]\d* of ([2-9]|[1-9]\d+)$")

# 60 statements as neighbours write them: a subject and, for most, a reason of some length.
SUBJECTS = [
    "Het plein moet autovrij worden, ook op marktdag",
    "Het buurthuis moet elke avond open zijn",
    "Er moeten meer bankjes en schaduw komen",
    "Parkeren wordt betalend voor wie hier niet woont",
    "Jongeren krijgen een eigen budget voor hun plek",
    "De bus naar het ziekenhuis moet om het halfuur rijden",
    "Nieuwe buren krijgen een peter of meter uit de straat",
    "De speeltuin mag 's avonds dicht na tien uur",
    "Wie hulp zoekt, moet op één plek terecht kunnen",
    "De school stelt haar zaal open voor de buurt",
    "Er komt een repair café in de bibliotheek",
    "De wekelijkse markt verhuist naar de zaterdag",
    "Stoepen worden overal drempelvrij gemaakt",
    "De wijkagent houdt elke week spreekuur",
    "Er komt een gedeelde moestuin achter de kerk",
]
REASONS = [
    " in onze buurt",
    ", ook in het weekend",
    ", zodat ouderen er rustig kunnen zitten zonder lawaai of haast",
    ", want nu zit wie geen auto heeft vast en betaalt men een taxi die niemand kan betalen",
]
STATEMENTS = [f"{SUBJECTS[n % 15]}{REASONS[n // 15]}" for n in range(60)]


@pytest.fixture(scope="module")
def rounds(live_server):
    def two_rounds(live):
        live.sessions = run_seed("opinion_rounds", live.instance, live.database_url,
                                 FACILITATOR_PASSWORD, STATEMENTS)
        assert all(s["statements"] == 60 for s in live.sessions.values())

    return live_server(plan=None, prepare=two_rounds)


def test_the_statements_are_realistic():
    assert len(set(STATEMENTS)) == 60
    assert all(40 <= len(text) <= 140 for text in STATEMENTS), [
        (len(t), t) for t in STATEMENTS if not 40 <= len(t) <= 140]


def projector(rounds, browser, name, size):
    """The projector of session `name` with its analysis drawn; the lists' lengths as the
    projector received them (every row of each, not the first few)."""
    s = rounds.sessions[name]
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{rounds.url}/p/{s['code']}?key={s['key']}&page_seconds=1")
    page.wait_for_function(
        "([id]) => document.body.dataset.fitted === String(id) && "
        "document.querySelector('#stage .st-map-letter')", arg=[s["activity"]])
    found = page.evaluate(
        "([id]) => { const a = Cafe.state.activities[id].data.analysis;"
        " return {groups: a.groups.length, consensus: a.consensus.length,"
        " divisive: a.divisive.length}; }", [s["activity"]])
    assert 2 <= found["groups"] <= 3, found
    assert page.locator("#stage .st-group").count() == found["groups"]
    for key in ("consensus", "divisive"):
        assert page.locator(f"#stage .st-{key} .st-row").count() == found[key]
    assert " more" not in page.locator("#stage .st-lists").inner_text()
    return context, page, found


def every_row_comes_by(page, paged):
    """Every row of both lists comes on the screen whole; the lists in `paged` page."""
    every_item_comes_by(page, [f"#stage .{key}-wrap" for key in ("st-consensus", "st-divisive")],
                        ".st-row", ".st-row-text", paged={f"#stage .{key}-wrap" for key in paged},
                        within="#stage .st-lists")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_statement_of_a_big_round_comes_on_the_projector(rounds, browser, size):
    context, page, found = projector(rounds, browser, "big", size)
    assert found["consensus"] >= 8 and found["divisive"] >= 8, found
    for key in ("consensus", "divisive"):
        # Too many for its part of the screen: it says which of its pages it shows.
        # (Pages turn every second here: whichever page is up when the test looks.)
        line = page.locator(f"#stage .st-{key}-wrap .fit-pages span").first
        assert PAGE_OF.match(line.inner_text()), line.inner_text()
    check(page, *size, "statements-pages")
    # The lists turn by themselves until every statement of each was on the screen, whole.
    every_row_comes_by(page, ("st-consensus", "st-divisive"))
    check(page, *size, "statements-pages-later")
    context.close()


def test_a_short_list_stays_whole_and_the_long_one_gets_the_room(rounds, browser):
    size = (1280, 720)
    context, page, found = projector(rounds, browser, "split", size)
    # The room agrees on two statements and splits on nearly all the others.
    assert 1 <= found["consensus"] <= 3 and found["divisive"] >= 40, found
    consensus = page.locator("#stage .st-consensus-wrap")
    divisive = page.locator("#stage .st-divisive-wrap")
    assert consensus.locator(".fit-pages").count() == 0
    assert consensus.locator(".st-row:visible").count() == found["consensus"]
    assert PAGE_OF.match(divisive.locator(".fit-pages span").first.inner_text())
    # The short list takes no more than it needs: the long one has the rest of the column.
    assert divisive.bounding_box()["height"] > 2 * consensus.bounding_box()["height"]
    check(page, *size, "statements-split")
    every_row_comes_by(page, ("st-divisive",))
    check(page, *size, "statements-split-later")
    context.close()
