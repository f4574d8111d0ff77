"""Issue 19, done when: a real server, 60 python-socketio phones (default transports) vote on
the 20 statements of sessions/stellingen.toml. The projector's map, groups and consensus list
equal what this test computes with cafe.domain.opinion from the votes stored in the database;
a browser shows the map on the projector; the neighbourhood report of the session lists the
consensus and divisive statements."""

import json
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import socketio
from sklearn.metrics import adjusted_rand_score
from sqlalchemy import create_engine, text

from cafe.domain import opinion
from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.opinion import letters
from tests.support.server import Recorder, run_seed

pytestmark = [pytest.mark.server]

PHONES = 60
# Three kinds of neighbours (25, 20 and 15 people): their leaning on each of the 20 statements,
# 1 agree, -1 disagree, 0 split. Statements 0-2 everyone agrees with, 3 everyone rejects,
# 4-6 divide A and B.
LEANING = [
    [1, 1, 1, -1, 1, 1, 1, 1, -1, 1, -1, 1, -1, 1, 1, -1, 1, -1, 1, 1],
    [1, 1, 1, -1, -1, -1, -1, -1, 1, -1, 1, -1, 1, 1, -1, 1, -1, 1, -1, 1],
    [1, 1, 1, -1, 0, 0, 0, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, 1, -1, 1],
]
SIZES = (25, 20, 15)
HIDDEN = 19  # the facilitator hides the last statement after the votes: they stop counting


class Phone(Recorder):
    """A phone as a browser connects: python-socketio's default transports (polling first,
    then the upgrade to WebSocket), not forced onto WebSocket."""

    def __init__(self, url, auth):
        import threading

        self.client = socketio.Client(reconnection=False)
        self.events = []
        self._cond = threading.Condition()
        self.client.on("*", self._record)
        self.client.connect(url, auth=auth, wait_timeout=20)


@pytest.fixture(scope="module")
def server(live_server):
    # Sixty phones and a browser join from one address within the minute.
    return live_server(plan="stellingen", env={"CAFE_JOINS_PER_MINUTE": "200"})


def send(client, event, payload):
    """As cafe.js sends: an answer with `retry` (nothing stored, e.g. SQLite busy) is sent
    again with the same cid."""
    for _ in range(50):
        answer = client.call(event, payload, timeout=30)
        if not answer.get("retry"):
            return answer
        time.sleep(0.2)
    return answer


def stored_votes(live) -> list[tuple[int, int, int]]:
    engine = create_engine(live.database_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT v.participant_id, v.statement_id, v.value FROM opinion_votes v "
            "JOIN opinion_statements s ON s.id = v.statement_id WHERE s.status = 'visible'"))
        votes = [tuple(r) for r in rows]
    engine.dispose()
    return votes


def report_markdown(live, session_id: int) -> str:
    """The session exported to a neighbourhood analysis and its report rendered as Markdown,
    by the application's own export and report code, in a child process on the same database."""
    return run_seed("session_report", live.instance, live.database_url, str(session_id),
                    raw=True)


@pytest.fixture(scope="module")
def voted(server):
    s = server.session
    http = server.login()
    activity = s["activities"][1]
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    projector = Recorder(server.url, {"session": s["code"], "view": "projector", "key": s["key"]})
    counter = iter(range(10**6))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"c{next(counter)}"), **payload})
        assert answer["ok"], (event, answer)
        return answer

    command("activity:open", activity=activity)
    shown = projector.wait_for(lambda e, d: e == "activity" and d["id"] == activity
                               and len(d["data"]["statements"]) == 20)
    statements = [row["id"] for row in shown["data"]["statements"]]

    phones = [Phone(server.url, {"session": s["code"], "view": "phone",
                                 "token": server.join(name=f"Buur {n}")}) for n in range(PHONES)]
    # Polling first, then the upgrade, as browsers do.
    assert all(phone.client.transport() == "websocket" for phone in phones)
    kinds = [k for k, size in enumerate(SIZES) for _ in range(size)]
    rng = random.Random(19)
    ballots = []
    for n, kind in enumerate(kinds):
        for m, statement in enumerate(statements):
            if rng.random() < 0.3:  # nobody votes on everything
                continue
            lean = LEANING[kind][m]
            value = rng.choice(("agree", "disagree", "pass")) if lean == 0 else (
                "agree" if (lean == 1) != (rng.random() < 0.08) else "disagree")
            ballots.append((n, statement, value))

    def cast(phone_ballots):
        for n, statement, value in phone_ballots:
            answer = send(phones[n], "statements:vote", {
                "cid": cid(f"v{n}-{statement}"), "activity": activity,
                "statement": statement, "vote": value})
            assert answer["ok"], answer

    by_phone = [[b for b in ballots if b[0] == n] for n in range(PHONES)]
    with ThreadPoolExecutor(8) as pool:  # eight people tapping at the same moment
        list(pool.map(cast, by_phone))

    # A neighbour adds a statement; under pre-moderation it waits for the facilitator.
    added = phones[0].call("statements:add", {"cid": cid("add"), "activity": activity,
                                              "text": "Er moet een buurtwerker komen."})
    assert added["ok"] and added["mine"]["own"][0]["status"] == "pending"
    command("statements:moderate", activity=activity, statement=statements[HIDDEN],
            action="hide")
    server.statements_activity = activity
    yield {"activity": activity, "statements": statements, "phones": phones,
           "projector": projector, "console": console, "kinds": kinds, "http": http}
    for client in (console, projector, *phones):
        client.close()


def test_sixty_phones_and_the_projector_shows_the_analysis_of_the_votes_stored(voted, server):
    activity, projector = voted["activity"], voted["projector"]
    votes = stored_votes(server)
    expected = opinion.analyse(votes)
    public = opinion.public(expected)

    # The final state: the projector's analysis counts every vote stored (the hidden
    # statement's left out), however the refreshes were spaced.
    # A new number of groups is shown once it held over a few analyses: wait for it.
    final = projector.wait_for(
        lambda e, d: e == "activity" and d["id"] == activity
        and d["data"]["analysis"]["votes"] == len(votes)
        and len(d["data"]["analysis"]["groups"]) == len(expected["groups"])
        and len(d["data"]["statements"]) == 19, timeout=60)
    shown = final["data"]["analysis"]
    assert shown["voters"] == PHONES
    same = letters(shown["points"], public["points"])
    assert sorted((same[g["label"]], g["size"]) for g in shown["groups"]) == sorted(
        (g["label"], g["size"]) for g in expected["groups"])
    assert [(c["statement"], c["direction"]) for c in shown["consensus"]] == [
        (c["statement"], c["direction"]) for c in expected["consensus"]]
    assert [d["statement"] for d in shown["divisive"]] == [
        d["statement"] for d in expected["divisive"]]

    # And what that means for the room as planted: three groups, the shared statements.
    statements = voted["statements"]
    assert len(shown["groups"]) == 3
    ids = [_participant(server, phone) for phone in voted["phones"]]
    found = {who: g["label"] for g in expected["groups"] for who in g["members"]}
    # Two of the three groups differ on only some eight statements, each person votes on
    # about fourteen: a few people may sit nearer the other group than their own.
    assert adjusted_rand_score(voted["kinds"], [found.get(who, "-") for who in ids]) >= 0.8
    agreed = {c["statement"] for c in shown["consensus"] if c["direction"] == "agree"}
    assert agreed == set(statements[:3])
    assert {statements[4], statements[5], statements[6]} <= {
        d["statement"] for d in shown["divisive"]}
    assert all(c["text"] for c in shown["consensus"] + shown["divisive"])
    # Nothing on the screen points at a person.
    assert "members" not in json.dumps(final) and '"id": ' not in json.dumps(shown["points"])

    # A phone sees its own group, the one the analysis of the stored votes puts it in.
    phone = voted["phones"][0]
    me = phone.call("statements:vote", {"cid": cid("again"), "activity": activity,
                                        "statement": statements[0], "vote": "agree"})
    found = opinion.group_of(expected, me["mine"] and _participant(server, phone))
    assert same[me["mine"]["group"]] == found["label"]


def voted_texts(server) -> list[dict]:
    engine = create_engine(server.database_url)
    with engine.connect() as conn:
        rows = [{"id": i, "text": t} for i, t in conn.execute(
            text("SELECT id, text FROM opinion_statements"))]
    engine.dispose()
    return rows


def _participant(server, phone) -> int:
    state = next(d for e, d in phone.events if e == "state")
    return state["me"]["id"]


def test_the_report_lists_consensus_and_divisive_statements(voted, server):
    results = next(a["results"] for a in voted["http"].get(
        f"{server.url}/api/v1/sessions/{server.session['id']}/results", timeout=10
    ).json()["activities"] if a["id"] == voted["activity"])
    assert results["consensus"] and results["divisive"]
    report = report_markdown(server, server.session["id"])
    assert "Agreed across groups" in report and "Where the room splits" in report
    for row in results["consensus"] + results["divisive"]:
        assert row["text"] in report
    # Issue 28: each group's representative statements with their shares, and participation.
    assert "What sets each group apart" in report
    for group in results["groups"]:
        for row in group["representative"]:
            assert row["text"] in report
    assert r"Votes \(voters\) per five minutes since the first vote" in report  # Markdown-escaped
    assert "Buur 0" not in report  # no names


@pytest.mark.browser
def test_the_projector_shows_the_map(voted, server, browser):
    s = server.session
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    page.locator(".st-map-svg circle").first.wait_for(timeout=15_000)
    expected = opinion.public(opinion.analyse(stored_votes(server)))
    page.wait_for_function(f"() => document.querySelectorAll('.st-map-svg circle').length"
                           f" === {len(expected['points'])}")
    shown = page.eval_on_selector_all(".st-map-letter", "els => els.map(e => e.textContent)")
    assert len(set(shown)) == len(shown) == len(expected["groups"])
    # Every row of both lists (a long one turns its pages), not only the first three.
    assert page.locator(".st-consensus li").count() == len(expected["consensus"])
    assert page.locator(".st-divisive li").count() == len(expected["divisive"])
    first = expected["consensus"][0]["statement"]
    assert page.locator(".st-consensus li").first.inner_text().startswith(
        next(row["text"] for row in voted_texts(server) if row["id"] == first))
    Path("build").mkdir(exist_ok=True)
    page.screenshot(path="build/statements-projector.png", full_page=True)
    # One 16:9 screen: nothing scrolls.
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 720, height
    page.close()


@pytest.mark.browser
def test_a_phone_votes_one_statement_at_a_time_and_learns_its_group(voted, server, browser):
    """A late neighbour votes as group A did, by tapping; their phone then says which group
    they are in, the one the analysis of the stored votes gives them, and what it thinks."""
    texts = {row["id"]: row["text"] for row in voted_texts(server)}
    side = {texts[sid]: LEANING[0][m] for m, sid in enumerate(voted["statements"])}
    page = phone_page(browser, server.url, server.session["code"])
    card = page.locator(".st-card")
    card.wait_for()
    for n in range(1, 20):
        page.wait_for_function(
            "n => document.querySelector('.st-progress').textContent === `Statement ${n} of 19`",
            arg=n)
        lean = side[page.locator(".st-current").inner_text()]
        page.locator(".st-card .st-agree" if lean >= 0 else ".st-card .st-disagree").click()
    page.locator(".st-done").wait_for()
    title = page.locator(".st-my-group-title")
    title.wait_for(timeout=20_000)
    me = page.evaluate("Cafe.state.me.id")
    votes = stored_votes(server)
    assert sum(1 for who, _, _ in votes if who == me) == 19
    assert opinion.group_of(opinion.analyse(votes), me) is not None
    # The server keeps letters from one analysis to the next, a fresh analysis names groups
    # by size: the letter is one of the room's (test_sixty_phones... checks who is with whom).
    page.wait_for_function(
        "() => /^You are in group [A-E]\\.$/.test("
        "document.querySelector('.st-my-group-title').textContent)", timeout=20_000)
    assert page.locator(".st-my-group-list li").count() >= 1
    page.screenshot(path="build/statements-phone.png", full_page=True)
    page.context.close()
