"""Surviving faults without losing a contribution: a killed server, a locked database, a phone
that was offline. Every acknowledged contribution must be stored exactly once."""

import sqlite3
import threading
import time

import pytest
import socketio as socketio_client
from sqlalchemy import func, select

from cafe.extensions import db
from cafe.live.idempotency import ProcessedEvent
from cafe.participants.models import Participant
from tests.support.factories import cid, received
from tests.support.server import LiveServer, Recorder

# The contribution the tests send: a card on the board once that kind has `card:add`; until then
# the console adding a participant without a phone, which goes through the same pipeline.
EVENT = "participant:add_assisted"


def contribution(n) -> dict:
    return {"cid": cid(f"c-{n}"), "name": f"Bewoner {n}"}


def stored(db_path, event=EVENT) -> set[str]:
    """The client ids the server committed, read straight from the database file."""
    with sqlite3.connect(db_path) as raw:
        return {row[0] for row in raw.execute(
            "SELECT cid FROM processed_events WHERE event = ?", (event,))}


def assisted_count(db_path) -> int:
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT count(*) FROM participants WHERE assisted").fetchone()[0]


# ---------------------------------------------------------------- the database is locked


def test_locked_database_answers_retry_and_applies_once(app, sio, client, login, cafe_session,
                                                         caplog, tmp_path):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    app.config["SQLITE_BUSY_TIMEOUT_MS"] = 100
    db.engine.dispose()  # new connections take the shorter timeout
    body = contribution("locked")

    holder = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answer = console.emit(EVENT, body, callback=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer["ok"] is False and answer["retry"] is True and answer["error"] == "busy"
    assert answer["message"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0

    # The client retries with the same cid, and once more because the ack got lost.
    first = console.emit(EVENT, body, callback=True)
    again = console.emit(EVENT, body, callback=True)
    assert first["ok"] and not first.get("replayed")
    assert again["ok"] and again["replayed"] and again["participant"] == first["participant"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 1
    assert db.session.scalar(
        select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.cid == body["cid"])
    ) == 1
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_a_write_racing_a_lock_is_not_half_applied(app, sio, join, cafe_session, tmp_path):
    """A phone's event refused as busy leaves nothing behind, not even its cid."""
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    app.config["SQLITE_BUSY_TIMEOUT_MS"] = 50
    db.engine.dispose()
    holder = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answer = phone.emit("me:withdraw", {"cid": cid("busy")}, callback=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer["retry"] is True
    assert db.session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0
    assert phone.emit("me:withdraw", {"cid": cid("busy")}, callback=True)["ok"]
    assert received(phone, "state")


# ---------------------------------------------------------------- a real server, killed


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("faults"))
    live.seed()
    live.start()
    yield live
    live.stop()


def db_file(server) -> str:
    return server.database_url.removeprefix("sqlite:///")


class Sender(threading.Thread):
    """A console tab sending contributions as fast as acks come back, until the server dies."""

    def __init__(self, server, cookies, name):
        super().__init__(daemon=True)
        self.client = Recorder(server.url, {"session": server.session["code"], "view": "console"},
                               cookies=cookies)
        self.name_ = name
        self.acked: list[str] = []
        self.stop = threading.Event()

    def run(self):
        n = 0
        while not self.stop.is_set():
            body = contribution(f"{self.name_}-{n}")
            n += 1
            try:
                answer = self.client.call(EVENT, body, timeout=5)
            except Exception:  # the server died: this one was never acknowledged
                return
            if answer and answer.get("ok"):
                self.acked.append(body["cid"])


@pytest.mark.server
def test_sigkill_mid_session_loses_no_acknowledged_contribution(server):
    code = server.session["code"]
    token = server.join(name="Mira", role="resident")
    phone = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    before = phone.wait_for(lambda e, d: e == "state")
    cookies = server.login().cookies.get_dict()
    senders = [Sender(server, cookies, f"t{i}") for i in range(3)]
    for s in senders:
        s.start()
    deadline = time.monotonic() + 30
    while sum(len(s.acked) for s in senders) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # SIGKILL while the senders are still sending
    for s in senders:
        s.stop.set()
        s.join(10)
    acked = {c for s in senders for c in s.acked}
    assert len(acked) >= 40

    server.start()
    kept = stored(db_file(server))
    assert acked <= kept, f"lost after SIGKILL: {sorted(acked - kept)}"
    # Exactly once: one participant per stored event, none without its event.
    assert assisted_count(db_file(server)) == len(kept)

    # The phone comes back as the same person, with the same state.
    again = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    state = again.wait_for(lambda e, d: e == "state")
    assert state["me"] == before["me"]
    assert state["session"]["current"] == before["session"]["current"]
    # A console resending an acknowledged event after the restart gets the stored answer.
    console = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    resent = sorted(acked)[0]
    answer = console.call(EVENT, {"cid": resent, "name": "dubbel"})
    assert answer["ok"] and answer["replayed"]
    assert assisted_count(db_file(server)) == len(kept)
    for c in (phone, again, console, *[s.client for s in senders]):
        c.close()


@pytest.mark.server
def test_offline_phone_queue_is_applied_once_or_clearly_refused(server):
    code = server.session["code"]
    cookies = server.login().cookies.get_dict()
    console = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    assert console.call("session:security", {"cid": cid("lim-2"),
                                              "contributions_per_minute": 2})["ok"]
    token = server.join(name="Offline")
    phone = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    first = {"cid": cid("off-1")}
    assert phone.call("me:withdraw", first)["ok"]
    phone.close()  # the phone loses its connection; what the user does is queued with cids

    queue = [first, {"cid": cid("off-2")}, {"cid": cid("off-3")}]  # off-1: its ack was lost
    back = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    answers = [back.call("me:withdraw", body) for body in queue]
    assert answers[0]["ok"] and answers[0]["replayed"]
    assert answers[1]["ok"] and not answers[1].get("replayed")
    # Over the session's limit: clearly refused, nothing stored, may be sent again later.
    assert answers[2]["ok"] is False and answers[2]["error"] == "rate_limited"
    assert answers[2]["retry_after"] >= 1 and answers[2]["message"]
    assert cid("off-3") not in stored(db_file(server), "me:withdraw")

    assert console.call("session:security", {"cid": cid("lim-50"),
                                              "contributions_per_minute": 50})["ok"]
    resent = back.call("me:withdraw", queue[2])
    assert resent["ok"] and not resent.get("replayed")
    kept = stored(db_file(server), "me:withdraw")
    assert {cid("off-1"), cid("off-2"), cid("off-3")} <= kept
    for c in (console, back):
        c.close()


@pytest.mark.server
def test_console_queue_after_reconnect_is_applied_once(server):
    code = server.session["code"]
    cookies = server.login().cookies.get_dict()
    console = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    sent = contribution("q-1")
    assert console.call(EVENT, sent)["ok"]
    console.close()
    before = assisted_count(db_file(server))
    back = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    answers = [back.call(EVENT, body) for body in (sent, contribution("q-2"), contribution("q-3"),
                                                  contribution("q-2"))]
    assert [bool(a.get("replayed")) for a in answers] == [True, False, False, True]
    assert assisted_count(db_file(server)) == before + 2
    back.close()


@pytest.mark.server
def test_other_sites_cannot_open_a_socket(server):
    """Cross-site WebSocket hijacking: a page elsewhere cannot use a facilitator's cookies."""
    cookies = server.login().cookies.get_dict()
    evil = socketio_client.Client(reconnection=False)
    headers = {"Origin": "http://evil.example",
               "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    with pytest.raises(socketio_client.exceptions.ConnectionError):
        evil.connect(server.url, auth={"session": server.session["code"], "view": "console"},
                     headers=headers, transports=["websocket"], wait_timeout=5)
