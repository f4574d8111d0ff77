"""A real server process and real python-socketio clients, under eventlet and under gevent."""

import socket

import pytest
import requests
import socketio

from cafe.server import listener
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = pytest.mark.server


@pytest.fixture(params=["eventlet", "gevent"])
def server(request, live_server):
    """A fresh session for each test, on one shared process per async mode."""
    return live_server(async_mode=request.param, shared=True)


def test_join_rejoin_and_live_updates(server):
    code = server.session["code"]
    token = server.join(name="Mira", role="resident")
    http = server.login()
    console = Recorder(server.url, {"session": code, "view": "console"},
                       cookies=http.cookies.get_dict())
    phone = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    me = phone.wait_for(lambda e, d: e == "state")["me"]
    assert me["name"] == "Mira"

    first = server.session["activities"][0]
    answer = console.call("activity:open", {"cid": cid("open1"), "activity": first})
    assert answer["ok"]
    view = phone.wait_for(lambda e, d: e == "activity" and d["id"] == first)
    assert view["status"] == "open"

    # The same phone comes back after losing its connection: same identity, current state.
    phone.close()
    again = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    state = again.wait_for(lambda e, d: e == "state")
    assert state["me"] == me
    assert state["session"]["current"] == first

    # A retried event (same cid) is applied once.
    second = server.session["activities"][1]
    console.call("activity:open", {"cid": cid("open2"), "activity": second})
    replay = console.call("activity:open", {"cid": cid("open1"), "activity": first})
    assert replay["replayed"] is True
    detail = http.get(f"{server.url}/api/v1/sessions/{server.session['id']}").json()
    assert detail["session"]["current"] == second
    for c in (console, again):
        c.close()


def test_outsiders_are_refused(server):
    code = server.session["code"]
    bert = server.login("bert")
    with pytest.raises(socketio.exceptions.ConnectionError):
        Recorder(server.url, {"session": code, "view": "console"}, cookies=bert.cookies.get_dict())
    with pytest.raises(socketio.exceptions.ConnectionError):
        Recorder(server.url, {"session": code, "view": "phone", "token": "forged"})
    r = bert.get(f"{server.url}/console/sessions/{server.session['id']}")
    assert r.status_code == 404
    assert requests.get(f"{server.url}/j/NOPE42", timeout=5).status_code == 404


def test_the_servers_connections_send_at_once():
    """Every connection the server accepts has Nagle's algorithm off (issue 31's soak: a phone's
    acknowledgement, written just after an update to the same phone, otherwise waited 40 ms for
    the phone's delayed ACK). Both eventlet's and gevent's server listen on this socket."""
    listening = listener("127.0.0.1", 0)
    with listening, socket.create_connection(listening.getsockname()[:2]):
        accepted, _ = listening.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
