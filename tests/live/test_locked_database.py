"""A locked SQLite database must not stop the server: while another program holds
`BEGIN EXCLUSIVE`, a phone's write waits for the lock (and is then applied once), and meanwhile
every other client is served. Real servers under eventlet and gevent, whose single thread the
database wait used to hold."""

import sqlite3
import threading

import pytest
import requests

from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.server]


@pytest.fixture(scope="module", params=["eventlet", "gevent"])
def server(request, live_server):
    # Long enough that the write is still waiting when the other clients are done.
    return live_server(async_mode=request.param,
                       env={"CAFE_SQLITE_BUSY_TIMEOUT_MS": "120000"})


def test_other_clients_are_served_while_a_write_waits_for_the_lock(server):
    code = server.session["code"]
    phone = Recorder(server.url, {"session": code, "view": "phone",
                                  "token": server.join(name="Wachter")})
    acked = threading.Event()
    acks = []

    def on_ack(answer):
        acks.append(answer)
        acked.set()

    holder = sqlite3.connect(server.database_url.removeprefix("sqlite:///"),
                             isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        phone.client.emit("me:withdraw", {"cid": cid("locked")}, callback=on_ack)
        for _ in range(20):  # pages that read the database, and a join that must wait too
            page = requests.get(f"{server.url}/j/{code}", timeout=60)
            assert page.status_code == 200
            assert requests.get(f"{server.url}/healthz", timeout=60).ok
        # Every page answered while the lock was held and the write was still waiting for it.
        assert not acked.is_set(), acks
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert acked.wait(60), "the waiting write was never answered"
    assert acks[0]["ok"], acks
    phone.close()
