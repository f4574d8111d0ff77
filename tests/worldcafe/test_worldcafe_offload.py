"""Issue 17: seating a thousand people does not freeze the room. On a real eventlet server the
console sets the tables for 1,000 people (at 40 tables of 25, so the search cannot stop early
and runs for its whole time budget) while the projector keeps asking for the state: its
answers come back while the allocation is still running."""

import subprocess
import sys
import threading
import time

import pytest

from tests.support.factories import cid
from tests.support.server import LiveServer, Recorder

pytestmark = pytest.mark.server

PEOPLE = 1000
ROLES = ("resident", "volunteer", "professional", "local_government", None)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("worldcafe-offload"), async_mode="eventlet",
                      extra_env={"CAFE_SEATING_SECONDS": "3"})
    session = live.seed(plan="wereldcafe")
    # A thousand participants written at once: joining them one by one over HTTP is not what
    # this test is about.
    code = (
        "import secrets\n"
        "from cafe import create_app\nfrom cafe.extensions import db\n"
        "from cafe.participants.models import Participant\n"
        "from cafe.participants.services import hash_token\n"
        f"app = create_app({{'ASYNC_MODE': 'threading', 'DATABASE_URL': {live.database_url!r}}})\n"
        "with app.app_context():\n"
        "    db.create_all()\n"
        f"    roles = {ROLES!r}\n"
        f"    db.session.add_all(Participant(session_id={session['id']}, name=f'Buur {{n}}',\n"
        "        role=roles[n % 5], token_hash=hash_token(secrets.token_urlsafe(16)))\n"
        f"        for n in range({PEOPLE}))\n"
        "    db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                   env={"CAFE_INSTANCE_PATH": str(live.instance), "PATH": "/usr/bin:/bin"})
    live.start()
    live.cafe = session["activities"][1]
    yield live
    live.stop()


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
