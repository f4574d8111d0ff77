"""Two server processes sharing PostgreSQL and a Redis message queue: what happens through one
reaches the screens connected to the other."""

import importlib.util
import os

import pytest

from cafe.sessions.plans import available_plans
from tests.support.factories import cid
from tests.support.postgres import POSTGRES, scratch_database
from tests.support.server import Recorder, create_missing_tables

pytestmark = [pytest.mark.services, pytest.mark.server]

REDIS = os.environ.get("CAFE_TEST_REDIS", "redis://127.0.0.1:6379/14")
KINDS_READY = all(
    importlib.util.find_spec(f"cafe.activities.{k}.events") for k in ("board", "vote")
)
PLAN = "priorities" if KINDS_READY and "priorities" in available_plans() else "kickoff-buurtanalyse"


def _services_or_skip():
    import psycopg
    import redis

    try:
        with psycopg.connect(POSTGRES.replace("+psycopg", ""), connect_timeout=3):
            pass
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as exc:  # depends on the machine: `make services` starts both
        pytest.skip(f"PostgreSQL or Redis not reachable: {exc}")


@pytest.fixture(scope="module")
def pair(live_server):
    """Processes A and B on one fresh PostgreSQL database and one private Redis channel."""
    _services_or_skip()
    with scratch_database("cafe_mp") as url:
        channel = "cafe-test-" + url.rsplit("/", 1)[1]  # private to this database
        env = {"CAFE_MESSAGE_QUEUE": REDIS, "CAFE_MESSAGE_CHANNEL": channel}
        a = b = None
        try:
            a = live_server(plan=PLAN, database_url=url, env=env, prepare=create_missing_tables)
            b = live_server(plan=None, database_url=url, env=env)
            b.session = a.session
            yield a, b
        finally:
            for live in (a, b):
                if live is not None:
                    live.stop()  # before the database goes


def _screens(a, b):
    code = a.session["code"]
    console = Recorder(a.url, {"session": code, "view": "console"},
                       cookies=a.login().cookies.get_dict())
    projector = Recorder(b.url, {"session": code, "view": "projector", "key": a.session["key"]})
    projector.wait_for(lambda e, d: e == "state")
    return console, projector


def test_console_action_on_a_reaches_projector_on_b(pair):
    a, b = pair
    console, projector = _screens(a, b)
    try:
        first = a.session["activities"][0]
        assert console.call("activity:open", {"cid": cid("mp-open"), "activity": first})["ok"]
        view = projector.wait_for(lambda e, d: e == "activity" and d["id"] == first)
        assert view["status"] == "open"
        header = projector.wait_for(lambda e, d: e == "session" and d["current"] == first)
        assert header["code"] == a.session["code"]
    finally:
        console.close()
        projector.close()


def _dots(view) -> int:
    results = (view.get("data") or {}).get("results") or {}
    return sum(row.get("dots", 0) for row in results.get("ranking") or [])


def test_vote_cast_through_a_reaches_projector_on_b(pair):
    if PLAN != "priorities":
        pytest.skip("the board kind or sessions/priorities.toml is not there yet")
    a, b = pair
    board, vote = _board_and_vote(a)
    console, projector = _screens(a, b)
    phone = Recorder(a.url, {"session": a.session["code"], "view": "phone",
                             "token": a.join(name="Noor")})
    try:
        assert console.call("activity:open", {"cid": cid("mp-board"), "activity": board})["ok"]
        for n, text in enumerate(("Meer groen op het plein", "Een buurtfeest")):
            ack = phone.call("card:add", {"cid": cid(f"mp-card{n}"), "activity": board,
                                          "type": "need", "text": text})
            assert ack["ok"], ack
        assert console.call("activity:open", {"cid": cid("mp-vote"), "activity": vote})["ok"]
        console.call("vote:reveal", {"cid": cid("mp-reveal"), "activity": vote})
        view = projector.wait_for(lambda e, d: e == "activity" and d["id"] == vote
                                  and len(d["data"]["items"]) == 2)
        item = view["data"]["items"][0]["id"]

        ack = phone.call("vote:cast", {"cid": cid("mp-cast"), "activity": vote,
                                       "allocation": {str(item): 1}})
        assert ack["ok"], ack
        shown = projector.wait_view(vote, lambda view: _dots(view) == 1)
        top = shown["data"]["results"]["ranking"][0]
        assert (top["id"], top["dots"]) == (item, 1)
    finally:
        for client in (phone, console, projector):
            client.close()


def _board_and_vote(server):
    """The ids of the plan's board and vote, read from the seeded session through the API."""
    http = server.login()
    detail = http.get(f"{server.url}/api/v1/sessions/{server.session['id']}", timeout=10).json()
    agenda = detail["session"]["agenda"]
    board = next(a["id"] for a in agenda if a["kind"] == "board")
    vote = next(a["id"] for a in agenda if a["kind"] == "vote" and a["id"] > board)
    return board, vote
