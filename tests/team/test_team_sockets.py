"""Issue 27 item 5: on a team change, every connection the person opened with their login
(console, projector) ends, on every server process; the owner can renew the projector link, and
the old keyed link then answers 403 and its open screens end. Two real server processes on one
database and one Redis channel; socket clients connect as devices do (long-polling first)."""

import os
import re
import time
import uuid

import pytest
import requests
import socketio

from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.server]

REDIS = os.environ.get("CAFE_TEST_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture(scope="module")
def pair(tmp_path_factory, live_server):
    """Processes A and B on one SQLite file and one private Redis channel."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as exc:  # depends on the machine: `make services` starts Redis
        pytest.skip(f"Redis not reachable: {exc}")
    shared = tmp_path_factory.mktemp("shared")
    url = f"sqlite:///{shared / 'cafe.db'}"
    env = {"CAFE_MESSAGE_QUEUE": REDIS, "CAFE_MESSAGE_CHANNEL": f"cafe-team-{uuid.uuid4().hex}"}
    a = live_server(database_url=url, env=env)
    b = live_server(plan=None, database_url=url, env=env)
    b.session = a.session
    return a, b


def post(server, http, page: str, path: str, **data) -> requests.Response:
    """A console form, with the CSRF token of the page it is on."""
    html = http.get(server.url + page, timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return http.post(server.url + path, data={"csrf_token": token, **data},
                     allow_redirects=False, timeout=10)


def until(predicate, what: str, timeout: float = 30.0):
    """Wait for the final state (never a timing assertion: the deadline only ends a hang)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.1)


def screen(server, view, http=None, key=None) -> Recorder:
    auth = {"session": server.session["code"], "view": view, **({"key": key} if key else {})}
    recorder = Recorder(server.url, auth, cookies=http.cookies.get_dict() if http else None)
    recorder.wait_for(lambda e, d: e == "state")
    return recorder


def refused(server, view, http=None, key=None) -> bool:
    try:
        screen(server, view, http, key).close()
    except socketio.exceptions.ConnectionError:
        return True
    return False


def test_a_removed_member_loses_every_screen_on_every_process(pair):
    a, b = pair
    sid = a.session["id"]
    team = f"/console/sessions/{sid}/team"
    anna = a.login()
    assert post(a, anna, team, team, username="bert", role="cofacilitator").status_code == 302
    bert_a, bert_b = a.login("bert"), b.login("bert")
    console = screen(a, "console", bert_a)  # on process A
    projector = screen(b, "projector", bert_b)  # opened with his login, on process B
    keyed = screen(b, "projector", key=a.session["key"])  # the room's own screen
    owner = screen(a, "console", anna)
    try:
        member = re.search(rf"{team}/(\d+)/remove", anna.get(a.url + team, timeout=10).text)
        assert post(a, anna, team, member.group(0)).status_code == 302
        until(lambda: not console.client.connected, "bert's console on A ended")
        until(lambda: not projector.client.connected, "bert's projector on B ended")
        # The room's keyed projector stays and still receives the session live.
        first = a.session["activities"][1]
        assert owner.call("activity:open", {"cid": cid("open-after"), "activity": first})["ok"]
        keyed.wait_for(lambda e, d: e == "activity" and d["id"] == first)
        assert keyed.client.connected
        # Coming back is refused on both processes.
        assert refused(a, "console", bert_a) and refused(b, "projector", bert_b)
    finally:
        for recorder in (console, projector, keyed, owner):
            recorder.close()


def test_a_lowered_role_ends_the_screens_that_role_opened(pair):
    a, b = pair
    sid = a.session["id"]
    team = f"/console/sessions/{sid}/team"
    anna = a.login()
    assert post(a, anna, team, team, username="bert", role="cofacilitator").status_code == 302
    bert = b.login("bert")
    projector = screen(b, "projector", bert)
    console = screen(b, "console", bert)
    try:
        assert post(a, anna, team, team, username="bert", role="moderator").status_code == 302
        until(lambda: not projector.client.connected, "bert's projector ended")
        until(lambda: not console.client.connected, "bert's console ended")
        assert refused(b, "projector", bert)  # a moderator opens no projector without its key
        moderator = screen(b, "console", bert)  # the console again, as a moderator
        answer = moderator.call("activity:open", {"cid": cid("mod-open"),
                                                  "activity": a.session["activities"][0]})
        assert answer["error"] == "forbidden"
        moderator.close()
    finally:
        projector.close()
        console.close()


def test_a_new_projector_link_ends_the_old_one(pair):
    a, b = pair
    sid, code, old = a.session["id"], a.session["code"], a.session["key"]
    anna = a.login()
    assert requests.get(f"{b.url}/p/{code}?key={old}", timeout=10).status_code == 200
    keyed = screen(b, "projector", key=old)
    logged_in = screen(b, "projector", anna)  # a team login needs no key
    try:
        renewed = post(a, anna, f"/console/sessions/{sid}/team",
                       f"/console/sessions/{sid}/projector-key")
        assert renewed.status_code == 302
        until(lambda: not keyed.client.connected, "the keyed projector on B ended")
        assert requests.get(f"{b.url}/p/{code}?key={old}", timeout=10).status_code == 403
        assert refused(b, "projector", key=old)
        page = anna.get(f"{a.url}/console/sessions/{sid}", timeout=10).text
        new = re.search(rf"/p/{code}\?key=([\w-]+)", page).group(1)
        assert new != old
        assert requests.get(f"{a.url}/p/{code}?key={new}", timeout=10).status_code == 200
        screen(b, "projector", key=new).close()
        # Only the owner renews it.
        assert post(a, a.login("bert"), "/console/",
                    f"/console/sessions/{sid}/projector-key").status_code in (403, 404)
    finally:
        keyed.close()
        logged_in.close()
