"""Surviving faults without losing a contribution: a killed server, a locked database, a phone
that was offline. Every acknowledged contribution must be stored exactly once."""

import importlib
import sqlite3
import threading
import time

import pytest
import socketio as socketio_client
from sqlalchemy import func, select

from cafe.extensions import db
from cafe.live.handlers import EVENTS
from cafe.live.idempotency import ProcessedEvent
from cafe.sessions.plans import available_plans
from tests.support.factories import add_activity, cid, received
from tests.support.server import Recorder, create_missing_tables


def board_ready() -> bool:
    """The board kind's `card:add` is the contribution these tests send; until it exists, the
    console adding a participant without a phone, which goes through the same pipeline."""
    try:
        importlib.import_module("cafe.activities.board.events")
    except ImportError:
        return False
    return "card:add" in EVENTS and "priorities" in available_plans()


class Contributions:
    def __init__(self, board: bool, activity: int | None = None):
        self.board = board
        self.activity = activity
        self.event = "card:add" if board else "participant:add_assisted"
        self.view = "phone" if board else "console"

    def body(self, n) -> dict:
        if self.board:
            return {"cid": cid(f"c-{n}"), "activity": self.activity, "type": "need",
                    "text": f"Te weinig bankjes {n}"}
        return {"cid": cid(f"c-{n}"), "name": f"Bewoner {n}"}

    def count(self, db_path) -> int:
        query = ("SELECT count(*) FROM cards" if self.board
                 else "SELECT count(*) FROM participants WHERE assisted")
        with sqlite3.connect(db_path) as raw:
            return raw.execute(query).fetchone()[0]


def stored(db_path, event) -> set[str]:
    """The client ids the server committed, read straight from the database file."""
    with sqlite3.connect(db_path) as raw:
        return {row[0] for row in raw.execute(
            "SELECT cid FROM processed_events WHERE event = ?", (event,))}


# ---------------------------------------------------------------- the database is locked


def test_locked_database_answers_retry_and_applies_once(app, sio, client, login, cafe_session,
                                                         join, caplog, tmp_path):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    if board_ready():
        board, _ = add_activity(cafe_session, "board", "Waar brandt het?")
        db.session.commit()
        assert console.emit("activity:open", {"cid": cid("open"), "activity": board.id},
                            callback=True)["ok"]
        what = Contributions(True, board.id)
        sender = sio(cafe_session.code, token=join(cafe_session.code))
    else:
        what, sender = Contributions(False), console
    app.config["SQLITE_BUSY_TIMEOUT_MS"] = 100
    db.engine.dispose()  # new connections take the shorter timeout
    body = what.body("locked")
    path = tmp_path / "test.db"

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        answer = sender.emit(what.event, body, callback=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer["ok"] is False and answer["retry"] is True and answer["error"] == "busy"
    assert answer["message"]
    assert what.count(path) == 0

    # The client retries with the same cid, and once more because the ack got lost.
    first = sender.emit(what.event, body, callback=True)
    again = sender.emit(what.event, body, callback=True)
    assert first["ok"] and not first.get("replayed")
    assert again["ok"] and again["replayed"]
    assert {k: v for k, v in again.items() if k != "replayed"} == first
    assert what.count(path) == 1
    assert stored(path, what.event) == {body["cid"]}
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
def server(live_server):
    board = board_ready()
    live = live_server(plan="priorities" if board else "kickoff-buurtanalyse",
                       prepare=create_missing_tables)
    live.board = board
    return live


def opened_board(server, console) -> Contributions:
    """Open the plan's board (when the board kind exists) and say what to send."""
    if not server.board:
        return Contributions(False)
    board = server.session["activities"][1]
    assert console.call("activity:open", {"cid": cid(f"open-{board}"), "activity": board})["ok"]
    return Contributions(True, board)


def db_file(server) -> str:
    return server.database_url.removeprefix("sqlite:///")


class Sender(threading.Thread):
    """A phone (or console tab) sending contributions as fast as acks come back, until the
    server dies."""

    def __init__(self, server, what, auth, cookies, name):
        super().__init__(daemon=True)
        self.client = Recorder(server.url, auth, cookies=cookies)
        self.what = what
        self.name_ = name
        self.acked: list[str] = []
        self.stop = threading.Event()

    def run(self):
        n = 0
        while not self.stop.is_set() and n < 15:
            body = self.what.body(f"{self.name_}-{n}")
            n += 1
            try:
                answer = self.client.call(self.what.event, body, timeout=5)
            except Exception:  # the server died: this one was never acknowledged
                return
            if answer and answer.get("ok"):
                self.acked.append(body["cid"])


@pytest.mark.server
def test_sigkill_mid_session_loses_no_acknowledged_contribution(server):
    code = server.session["code"]
    cookies = server.login().cookies.get_dict()
    console = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    what = opened_board(server, console)
    token = server.join(name="Mira", role="resident")
    phone = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    before = phone.wait_for(lambda e, d: e == "state")

    senders = []
    for i in range(6):
        if what.board:
            auth = {"session": code, "view": "phone", "token": server.join()}
        else:
            auth = {"session": code, "view": "console"}
        senders.append(Sender(server, what, auth, None if what.board else cookies, f"t{i}"))
    for s in senders:
        s.start()
    deadline = time.monotonic() + 30
    while sum(len(s.acked) for s in senders) < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()  # SIGKILL while the senders are still sending
    for s in senders:
        s.stop.set()
        s.join(10)
    acked = {c for s in senders for c in s.acked}
    assert len(acked) >= 40

    server.start()
    kept = stored(db_file(server), what.event)
    assert acked <= kept, f"lost after SIGKILL: {sorted(acked - kept)}"
    # Exactly once: one stored contribution per stored event, none without its event.
    assert what.count(db_file(server)) == len(kept)

    # The phone comes back as the same person, with the same state.
    again = Recorder(server.url, {"session": code, "view": "phone", "token": token})
    state = again.wait_for(lambda e, d: e == "state")
    assert state["me"] == before["me"]
    assert state["session"]["current"] == before["session"]["current"]
    # A sender resending an acknowledged event after the restart gets the stored answer.
    first = senders[0]
    resent = first.acked[0]
    back = Recorder(server.url, first.client.client.connection_auth, cookies=None if what.board
                    else cookies)
    answer = back.call(what.event, {**what.body("again"), "cid": resent})
    assert answer["ok"] and answer["replayed"]
    assert what.count(db_file(server)) == len(kept)
    for c in (phone, again, console, back, *[s.client for s in senders]):
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
def test_queue_after_reconnect_is_applied_once_or_refused_as_closed(server):
    code = server.session["code"]
    cookies = server.login().cookies.get_dict()
    console = Recorder(server.url, {"session": code, "view": "console"}, cookies=cookies)
    what = opened_board(server, console)
    if what.board:
        auth, device_cookies = {"session": code, "view": "phone", "token": server.join()}, None
    else:
        auth, device_cookies = {"session": code, "view": "console"}, cookies
    device = Recorder(server.url, auth, cookies=device_cookies)
    sent = what.body("q-1")
    assert device.call(what.event, sent)["ok"]
    device.close()  # offline: what the user does now is queued with its cid
    queued = [sent, what.body("q-2"), what.body("q-3"), what.body("q-2")]
    before = what.count(db_file(server))
    if what.board:
        # Meanwhile the facilitator closes the board.
        assert console.call("activity:close", {"cid": cid("close-q"),
                                               "activity": what.activity})["ok"]
    back = Recorder(server.url, auth, cookies=device_cookies)
    answers = [back.call(what.event, body) for body in queued]
    assert answers[0]["ok"] and answers[0]["replayed"]
    if what.board:
        for answer in answers[1:]:
            assert answer["ok"] is False and answer["error"] == "closed" and answer["message"]
        assert what.count(db_file(server)) == before
        assert not {cid("c-q-2"), cid("c-q-3")} & stored(db_file(server), what.event)
    else:
        assert [bool(a.get("replayed")) for a in answers] == [True, False, False, True]
        assert what.count(db_file(server)) == before + 2
    for c in (console, back):
        c.close()


@pytest.mark.server
@pytest.mark.parametrize("transports", [None, ["websocket"]], ids=["as-browsers", "websocket"])
def test_other_sites_cannot_open_a_socket(server, transports):
    """Cross-site WebSocket hijacking: a page elsewhere cannot use a facilitator's cookies,
    whether it connects as browsers do (long-polling, then the upgrade) or straight over
    WebSocket, which is the hijacking case itself."""
    cookies = server.login().cookies.get_dict()
    evil = socketio_client.Client(reconnection=False)
    headers = {"Origin": "http://evil.example",
               "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    with pytest.raises(socketio_client.exceptions.ConnectionError):
        evil.connect(server.url, auth={"session": server.session["code"], "view": "console"},
                     headers=headers, transports=transports, wait_timeout=5)
