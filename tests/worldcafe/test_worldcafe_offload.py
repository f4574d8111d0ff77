"""Issue 17: seating a thousand people does not freeze the room. On a real eventlet server the
console sets the tables for 1,000 people (at 40 tables of 25, so the search cannot stop early
and runs for its whole time budget) while the projector keeps asking for the state: its
answers come back while the allocation is still running."""

import threading
import time

import pytest

from tests.support.factories import cid
from tests.support.server import Recorder, create_missing_tables, run_seed

pytestmark = pytest.mark.server

PEOPLE = 1000
ROLES = ("resident", "volunteer", "professional", "local_government", None)


@pytest.fixture(scope="module")
def server(live_server):
    def crowd(live):
        # A thousand participants written at once: joining them one by one over HTTP is not
        # what this test is about.
        create_missing_tables(live)
        run_seed("crowd", live.instance, live.database_url,
                 {"session": live.session["id"], "people": PEOPLE, "roles": ROLES})

    live = live_server(plan="wereldcafe", env={"CAFE_SEATING_SECONDS": "3"}, prepare=crowd)
    live.cafe = live.session["activities"][1]
    return live


def test_the_room_is_answered_while_a_thousand_people_are_seated(server):
    s = server.session
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=server.login().cookies.get_dict())
    projector = Recorder(server.url, {"session": s["code"], "view": "projector", "key": s["key"]})

    def command(event, **payload):
        return console.call(event, {"cid": cid(f"{event}-{time.monotonic_ns()}"),
                                    "activity": server.cafe, **payload}, timeout=60)

    assert command("activity:open")["ok"]
    assert command("worldcafe:tables", tables=40)["ok"]

    quiet = []
    for _ in range(20):
        sent = time.perf_counter()
        assert projector.call("state:get", {}, timeout=30)
        quiet.append(1000 * (time.perf_counter() - sent))
    answered = threading.Event()
    allocation = {}

    def allocate():
        allocation["answer"] = command("worldcafe:allocate")
        answered.set()

    worker = threading.Thread(target=allocate)
    worker.start()
    pings = []  # (round trip in ms, whether the allocation had been answered by then)
    while not answered.is_set() and len(pings) < 2000:
        sent = time.perf_counter()
        state = projector.call("state:get", {}, timeout=30)
        pings.append((1000 * (time.perf_counter() - sent), answered.is_set()))
        assert state
    worker.join(60)
    assert allocation["answer"]["ok"], allocation
    during = [ms for ms, done in pings if not done]
    # The projector was answered, several times over, before the allocation was (were the
    # allocation on the event loop, at most a ping sent before it began could be).
    assert len(during) >= 3, pings[:5]
    # Reported, not asserted (timings on a shared machine are not a test): the goal is 100 ms.
    print(f"\nstate:get round trip: quiet median {sorted(quiet)[len(quiet) // 2]:.0f} ms; "
          f"{len(during)} answered during the allocation, median "
          f"{sorted(during)[len(during) // 2]:.0f} ms, slowest {max(during):.0f} ms")
    view = console.wait_for(lambda e, d: e == "activity" and d["id"] == server.cafe
                            and d["data"]["seated"] == PEOPLE)
    assert sorted(t["count"] for t in view["data"]["tables"]) == [25] * 40
    console.close()
    projector.close()
