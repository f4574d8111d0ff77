"""A big opinion-groups round on the projector: 60 statements of 40 to 140 characters that 60
neighbours voted on in three camps, at 1280×720 and 1920×1080. Nothing overflows the screen;
the lists (what every group agrees on, where the room splits) hold every statement the
analysis found, not the first three, and a list too long for its part of the screen says
which of its pages it shows ("Page 1 of 4") and turns them by itself until every statement
of it has been on the screen, whole. `?page_seconds=1` turns the pages quickly so the test
sees a whole cycle; screenshots in test-results/projector/."""

import json
import os
import subprocess
import sys

import pytest

from tests.support.browser import browser  # noqa: F401
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.paging import every_item_comes_by
from tests.support.server import LiveServer
from tests.test_projector_fit_browser import check

pytestmark = [pytest.mark.browser, pytest.mark.server]

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

SEED = r'''
import json, random
from flask_migrate import upgrade
from cafe import create_app
from cafe.extensions import db
from cafe.auth.services import create_facilitator
from cafe.sessions.services import create_session, set_status
from tests.support.factories import add_activity
from cafe.participants.services import join
from cafe.activities.statements import services as opinions
from cafe.activities.statements.queries import statements as opinion_statements

app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": DATABASE_URL})
rnd = random.Random(60)


def evening(user, agreed, opposed):
    # A session showing a statements round that 60 neighbours voted on in three camps of 25,
    # 20 and 15, nobody on everything. All camps agree on the statements in `agreed`; on the
    # others each camp leans its own way, the first two always opposite ways if `opposed`.
    s = create_session(user, "Buurtcafé: wat vindt de buurt?", "en")
    db.session.commit()  # services flush; the caller commits
    opinion, _ = add_activity(s, "statements", "Wat vindt de buurt?", "",
                              {"statements": STATEMENTS, "allow_new": False})
    set_status(opinion, "open", keep_open=True)
    db.session.commit()
    voters = [join(s, name=None, role="resident", language="nl", languages=("nl", "fr", "en"),
                   max_name=40)[0].id for _ in range(60)]
    db.session.commit()
    ids = [st.id for st in opinion_statements(opinion)]
    leaning = [[rnd.choice((1, -1)) for _ in ids] for _camp in range(3)]
    if opposed:
        leaning[1] = [-lean for lean in leaning[0]]
    for camp in leaning:
        for m in agreed:
            camp[m] = 1
    for n, pid in enumerate(voters):
        lean_of = leaning[0 if n < 25 else 1 if n < 45 else 2]
        for m, statement in enumerate(ids):
            if rnd.random() < 0.25:
                continue
            value = "agree" if (lean_of[m] == 1) != (rnd.random() < 0.08) else "disagree"
            opinions.vote(opinion, pid, statement, value)
        db.session.commit()
    s.current_activity_id = opinion.id
    db.session.commit()
    return {"code": s.code, "id": s.id, "key": s.projector_key, "activity": opinion.id,
            "statements": len(ids)}


with app.app_context():
    upgrade()
    db.create_all()  # tables whose migration is still on another branch
    user = create_facilitator("anna", PASSWORD, "en")
    # Both lists long: the camps agree on one statement in four. Then a room that agrees on
    # two statements only and splits on all the others.
    print(json.dumps({"big": evening(user, range(0, 60, 4), False),
                      "split": evening(user, (0, 1), True)}))
'''

@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("projector-statements"), async_mode="eventlet")
    code = (f"DATABASE_URL = {live.database_url!r}\nPASSWORD = {FACILITATOR_PASSWORD!r}\n"
            f"STATEMENTS = {STATEMENTS!r}\n" + SEED)
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(live.instance))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-4000:]
    live.sessions = json.loads(out.stdout.strip().splitlines()[-1])
    assert all(s["statements"] == 60 for s in live.sessions.values())
    live.start()
    yield live
    live.stop()


def test_the_statements_are_realistic():
    assert len(set(STATEMENTS)) == 60
    assert all(40 <= len(text) <= 140 for text in STATEMENTS), [
        (len(t), t) for t in STATEMENTS if not 40 <= len(t) <= 140]


def projector(rounds, browser, name, size):  # noqa: F811
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
def test_every_statement_of_a_big_round_comes_on_the_projector(rounds, browser, size):  # noqa: F811
    context, page, found = projector(rounds, browser, "big", size)
    assert found["consensus"] >= 8 and found["divisive"] >= 8, found
    for key in ("consensus", "divisive"):
        # Too many for its part of the screen: it says which of its pages it shows.
        line = page.locator(f"#stage .st-{key}-wrap .fit-pages span").first
        assert line.inner_text().startswith("Page 1 of ")
    check(page, *size, "statements-pages")
    # The lists turn by themselves until every statement of each was on the screen, whole.
    every_row_comes_by(page, ("st-consensus", "st-divisive"))
    check(page, *size, "statements-pages-later")
    context.close()


def test_a_short_list_stays_whole_and_the_long_one_gets_the_room(rounds, browser):  # noqa: F811
    size = (1280, 720)
    context, page, found = projector(rounds, browser, "split", size)
    # The room agrees on two statements and splits on nearly all the others.
    assert 1 <= found["consensus"] <= 3 and found["divisive"] >= 40, found
    consensus = page.locator("#stage .st-consensus-wrap")
    divisive = page.locator("#stage .st-divisive-wrap")
    assert consensus.locator(".fit-pages").count() == 0
    assert consensus.locator(".st-row:visible").count() == found["consensus"]
    assert divisive.locator(".fit-pages span").first.inner_text().startswith("Page 1 of ")
    # The short list takes no more than it needs: the long one has the rest of the column.
    assert divisive.bounding_box()["height"] > 2 * consensus.bounding_box()["height"]
    check(page, *size, "statements-split")
    every_row_comes_by(page, ("st-divisive",))
    check(page, *size, "statements-split-later")
    context.close()
