"""Issue 20: heavy work never runs on the event loop. On one real eventlet server, with a session
holding a board of 400 cards, a World Café with 1,000 people and a neighbourhood analysis of 300
findings, each of the four heavy jobs is started as a facilitator starts it: the word cloud
(the projector's image request), the report build (the console's POST), the figures CSV import
(a POST of the largest valid file) and the World Café allocation (a console event). While each
runs, the projector keeps asking for the room's state, and its answers come back before the job
has finished. The round trips are printed, not asserted: the goal is 100 ms, and a timed
assertion on a loaded 2-core machine would be a coin toss."""

import threading
import time

import pytest
import requests

from tests.support.factories import cid
from tests.support.heavy import PEOPLE, csrf, largest_figures_csv, seed_everything
from tests.support.server import Recorder

pytestmark = pytest.mark.server

@pytest.fixture(scope="module")
def server(live_server):
    def everything(live):
        live.hood = seed_everything(live, live.session)["hood"]

    live = live_server(plan="kickoff-buurtanalyse", env={"CAFE_SEATING_SECONDS": "3"},
                       prepare=everything)
    session = live.session
    live.board, live.cafe = session["activities"][1], session["activities"][3]
    live.http = live.login()
    live.projector = Recorder(live.url, {"session": session["code"], "view": "projector",
                                         "key": session["key"]})
    yield live
    live.projector.close()


def ping(server) -> float:
    sent = time.perf_counter()
    state = server.projector.call("state:get", {}, timeout=60)
    assert state["ok"], state
    return 1000 * (time.perf_counter() - sent)


def while_running(server, job):
    """Run job in a thread and keep asking the projector's state until it returns. Return what
    job returned and the round trips of the answers that came back while it was still running."""
    done = threading.Event()
    out = {}

    def run():
        try:
            out["result"] = job()
        except BaseException as error:  # re-raised in the test's own thread below
            out["error"] = error
        finally:
            done.set()

    worker = threading.Thread(target=run)
    worker.start()
    pings = []  # (round trip in ms, whether the job had finished by the time it came back)
    while not done.is_set() and len(pings) < 5000:
        ms = ping(server)
        pings.append((ms, done.is_set()))
    worker.join(120)
    if "error" in out:
        raise out["error"]
    during = [ms for ms, over in pings if not over]
    return out.get("result"), during


def report(name: str, during: list[float]) -> None:
    if during:
        ordered = sorted(during)
        print(f"\n{name}: state:get answered {len(during)} times while it ran; round trip "
              f"median {ordered[len(ordered) // 2]:.0f} ms, slowest {ordered[-1]:.0f} ms")


def test_the_room_is_answered_while_the_word_cloud_renders(server):
    s = server.session
    quiet = sorted(ping(server) for _ in range(10))
    print(f"\nquiet: state:get round trip median {quiet[5]:.0f} ms")
    image, during = while_running(server, lambda: requests.get(
        f"{server.url}/p/{s['code']}/wordcloud/{server.board}.png", params={"key": s["key"]},
        timeout=120))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    # Were the render on the event loop, only a ping sent before the request arrived could
    # come back before the image.
    assert len(during) >= 3, during
    report("word cloud of 400 cards", during)


def test_the_room_is_answered_while_the_report_is_built(server):
    page = f"{server.url}/console/neighbourhoods/{server.hood}"
    token = csrf(server.http, page)
    started = server.http.post(f"{page}/reports", data={"csrf_token": token, "lang": "nl"},
                               allow_redirects=False, timeout=60)
    assert started.status_code == 302
    status_url = server.url + started.headers["Location"] + "/status.json"
    # The build is a background task: the projector is asked, then the job's status. Pings
    # followed by "building" were answered while the build was still under way.
    during, state = [], "building"
    while state == "building" and len(during) < 5000:
        ms = ping(server)
        state = server.http.get(status_url, timeout=60).json()["state"]
        if state == "building":
            during.append(ms)
    assert state == "done"
    assert len(during) >= 3, during
    report("report of 300 findings (every format)", during)
    docx = server.http.get(f"{server.url}{started.headers['Location']}/docx", timeout=60)
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_room_is_answered_while_the_largest_figures_file_is_imported(server):
    page = f"{server.url}/console/neighbourhoods/{server.hood}"
    token = csrf(server.http, page)
    body = largest_figures_csv()
    sent = time.perf_counter()
    answer, during = while_running(server, lambda: server.http.post(
        f"{page}/figures", data={"csrf_token": token},
        files={"file": ("cijfers.csv", body, "text/csv")}, allow_redirects=False, timeout=120))
    took = 1000 * (time.perf_counter() - sent)
    assert answer.status_code == 302
    page_after = server.http.get(server.url + answer.headers["Location"], timeout=60).text
    assert "500 figures imported" in page_after
    # The 500-figure cap keeps the largest valid file short work (the whole request takes tens
    # of milliseconds, the parse in its thread about ten): the room is answered at least once
    # before the import's answer, and the numbers are printed for the report.
    assert during, during
    report(f"figures import of {len(body):,} bytes, 500 rows (request {took:.0f} ms)", during)


def test_the_room_is_answered_while_a_thousand_people_are_seated(server):
    s = server.session
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=server.http.cookies.get_dict())

    def command(event, **payload):
        return console.call(event, {"cid": cid(f"{event}-{time.monotonic_ns()}"),
                                    "activity": server.cafe, **payload}, timeout=120)

    assert command("activity:open")["ok"]
    # 40 tables of 25: the search cannot stop early and runs for its whole time budget.
    assert command("worldcafe:tables", tables=40)["ok"]
    answer, during = while_running(server, lambda: command("worldcafe:allocate"))
    assert answer["ok"], answer
    assert len(during) >= 3, during
    report(f"World Café allocation of {PEOPLE} people", during)
    view = console.wait_for(lambda e, d: e == "activity" and d["id"] == server.cafe
                            and d["data"]["seated"] == PEOPLE, timeout=60)
    assert sorted(t["count"] for t in view["data"]["tables"]) == [25] * 40
    console.close()

