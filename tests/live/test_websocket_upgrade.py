"""Clients connect as they do by default (long-polling first, then the WebSocket upgrade) and end
on WebSocket: a python-socketio client and a phone in Chromium, against the real eventlet server.

The upgrade probe is the Engine.IO text "probe"; a JSON codec that turned unreadable text into an
event made the server answer "Failed websocket upgrade" and kept every phone on long-polling."""

import json

import pytest
import requests
import socketio

from cafe.participants.services import cookie_name
from tests.support.browser import phone_page

pytestmark = [pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    # Its own process: the tests read the server's whole log.
    return live_server()


def test_a_python_client_with_default_transports_ends_on_websocket(server):
    client = socketio.Client(reconnection=False)
    states = []
    client.on("state", lambda data: states.append(data))
    try:
        client.connect(server.url, auth={"session": server.session["code"], "view": "phone",
                                         "token": server.join(name="Default")}, wait_timeout=10)
        # python-engineio upgrades inside connect(): it returns on the final transport.
        assert client.transport() == "websocket"
        answer = client.call("state:get", {"cid": "upgrade-check-0001"}, timeout=10)
        assert answer["ok"], answer
    finally:
        client.disconnect()
    assert "Failed websocket upgrade" not in server.log()


@pytest.mark.browser
def test_a_phone_in_chromium_ends_on_websocket(server, browser):
    phone = phone_page(browser, server.url, server.session["code"])
    try:
        phone.wait_for_function(
            "() => window.Cafe && Cafe.socket && Cafe.socket.connected"
            " && Cafe.socket.io.engine.transport.name === 'websocket'", timeout=20_000)
    finally:
        phone.context.close()
    assert "Failed websocket upgrade" not in server.log()


def _packets(response) -> list[str]:
    assert response.status_code == 200, response.text
    return response.text.split("\x1e")  # Engine.IO's record separator between packets


def test_a_phone_gets_its_connect_answer_and_state_in_the_handshake_and_is_connected_once(server):
    """cafe/live/early.py: the phone page's client names its session in the handshake's query;
    its own CONNECT, which socket.io-client always sends next, changes nothing."""
    code = server.session["code"]
    http = requests.Session()
    http.cookies.set(cookie_name(code), server.join(name="Early"))
    url = f"{server.url}/socket.io/?phone={code}&EIO=4&transport=polling"
    first = _packets(http.get(url, timeout=10))
    assert first[0].startswith("0{")
    assert any(p.startswith('42["state"') and '"Early"' in p for p in first), first
    assert sum(p.startswith('40{"sid"') for p in first) == 1, first
    url += "&sid=" + json.loads(first[0][1:])["sid"]
    sent = f'40{json.dumps({"session": code, "view": "phone"})}\x1e421["state:get",{{}}]'
    assert http.post(url, data=sent, timeout=10).status_code == 200
    answers = []
    while not any(p.startswith("431") for p in answers):
        answers += _packets(http.get(url, timeout=10))
    assert not any(p.startswith(("40", "44")) for p in answers), answers  # no second connect
    assert json.loads(next(p for p in answers if p.startswith("431"))[3:])[0]["ok"]


def test_a_phone_that_has_not_joined_is_refused_in_the_handshake(server):
    """The refusal travels with the handshake too: the page sends the person to the join form."""
    code = server.session["code"]
    url = f"{server.url}/socket.io/?phone={code}&EIO=4&transport=polling"
    first = _packets(requests.get(url, timeout=10))
    refusals = [json.loads(p[2:]) for p in first if p.startswith("44")]
    assert [r["data"]["error"] for r in refusals] == ["not_joined"], first


def test_engine_io_codec_keeps_text_and_refuses_deep_nesting_as_text():
    from cafe.security.safe_json import EngineJSON

    for text in ("probe", "[" * 10_000 + "]" * 10_000):
        with pytest.raises(ValueError):
            EngineJSON.loads(text)
    assert EngineJSON.loads('{"sid": "x"}') == {"sid": "x"}
