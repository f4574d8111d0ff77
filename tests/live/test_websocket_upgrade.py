"""Clients connect as they do by default (long-polling first, then the WebSocket upgrade) and end
on WebSocket: a python-socketio client and a phone in Chromium, against the real eventlet server.

The upgrade probe is the Engine.IO text "probe"; a JSON codec that turned unreadable text into an
event made the server answer "Failed websocket upgrade" and kept every phone on long-polling."""

import pytest
import socketio

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


def test_engine_io_codec_keeps_text_and_refuses_deep_nesting_as_text():
    from cafe.security.safe_json import EngineJSON

    for text in ("probe", "[" * 10_000 + "]" * 10_000):
        with pytest.raises(ValueError):
            EngineJSON.loads(text)
    assert EngineJSON.loads('{"sid": "x"}') == {"sid": "x"}
