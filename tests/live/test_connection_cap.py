"""One eventlet process serves more than eventlet's default 1,024 simultaneous connections.

The bench with a thousand phones, a tenth of them staying on long-polling as browsers behind some
networks do, found 75 of those hundred phones stopped answering: each WebSocket and each pending
long-poll holds one of eventlet's 1,024 greenthreads, and a polling phone's second request found
no room. `MAX_CONNECTIONS` sets the cap (cafe/server.py)."""

import socket

import pytest
import requests

pytestmark = pytest.mark.server


def test_a_request_is_served_beside_1100_open_connections(live_server):
    server = live_server()
    held = []
    try:
        for _ in range(1100):  # as many phones' connections as a big café holds open
            held.append(socket.create_connection(("127.0.0.1", server.port)))
        answer = requests.get(server.url + "/healthz", timeout=30)
        assert answer.ok
    finally:
        for conn in held:
            conn.close()
        server.stop()
