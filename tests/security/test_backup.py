"""`cafe backup` while 50 phones send cards to a real server, then `cafe restore` into an empty
installation (issue 27, item 14): every card acknowledged before the backup began is in the
restored database, exactly once; a non-empty target and an unknown schema version are refused."""

import os
import shutil
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from tests.support.factories import cid
from tests.support.server import Recorder, run_module

pytestmark = [pytest.mark.server]
PHONES = 50


def cafe(instance, database_url, *args):
    """`cafe ARGS...` in a child process: its exit status, output and errors."""
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(instance), CAFE_DATABASE_URL=database_url)
    status, out, err = run_module("cafe.cli", args, env)
    return SimpleNamespace(returncode=status, stdout=out, stderr=err)


class Phone(threading.Thread):
    """A phone sending cards as fast as the acks come back, until told to stop."""

    def __init__(self, live, board, n):
        super().__init__(daemon=True)
        token = live.join(name=f"Bewoner {n}")
        self.client = Recorder(live.url, {"session": live.session["code"], "view": "phone",
                                          "token": token})
        self.board, self.n = board, n
        self.acked: list[str] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self):
        sent = 0
        while not self.stop.is_set() and sent < 200:
            body = {"cid": cid(f"p{self.n}-{sent}"), "activity": self.board, "type": "need",
                    "text": f"Te weinig bankjes {self.n}-{sent}"}
            sent += 1
            try:
                answer = self.client.call("card:add", body, timeout=20)
            except Exception:  # no ack: not counted as acknowledged
                continue
            if answer and answer.get("ok"):
                with self.lock:
                    self.acked.append(body["cid"])

    def acknowledged(self) -> set[str]:
        with self.lock:
            return set(self.acked)


def stored(path) -> tuple[set[str], int]:
    with sqlite3.connect(path) as conn:
        cids = {r[0] for r in conn.execute(
            "SELECT cid FROM processed_events WHERE event = 'card:add'")}
        return cids, conn.execute("SELECT count(*) FROM cards").fetchone()[0]


def test_a_backup_during_a_burst_restores_every_acknowledged_card(tmp_path, live_server):
    live = live_server(plan="priorities")
    phones = []
    try:
        console = Recorder(live.url, {"session": live.session["code"], "view": "console"},
                           cookies=live.login().cookies.get_dict())
        board = live.session["activities"][1]
        assert console.call("activity:open", {"cid": cid("open"), "activity": board})["ok"]
        with ThreadPoolExecutor(8) as pool:  # the room fills several phones at a time
            phones = list(pool.map(lambda n: Phone(live, board, n), range(PHONES)))
        for phone in phones:
            phone.start()
        deadline = time.monotonic() + 120
        while sum(len(p.acknowledged()) for p in phones) < 150:
            assert time.monotonic() < deadline, "the phones' cards were not acknowledged"
            time.sleep(0.05)
        before = set().union(*(p.acknowledged() for p in phones))
        copy = tmp_path / "backup.db"
        made = cafe(live.instance, live.database_url, "backup", str(copy))
        assert made.returncode == 0, made.stderr
        during = sum(len(p.acknowledged()) for p in phones) - len(before)
        for phone in phones:
            phone.stop.set()
        for phone in phones:
            phone.join(60)
        console.close()
    finally:
        for phone in phones:
            phone.client.close()
        live.stop()
    assert during > 0, "the phones kept sending while the backup ran"
    assert "schema version" in made.stdout

    again = cafe(live.instance, live.database_url, "backup", str(copy))
    assert again.returncode != 0 and "exists already" in again.stderr

    fresh = tmp_path / "fresh"
    fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert cafe(fresh, fresh_url, "db", "upgrade").returncode == 0
    restored = cafe(fresh, fresh_url, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    cids, cards = stored(tmp_path / "fresh.db")
    assert before <= cids, f"lost: {sorted(before - cids)[:5]}"
    assert cards == len(cids)  # exactly once: one card per acknowledged event

    # The restored installation is no longer empty: a second restore is refused.
    twice = cafe(fresh, fresh_url, "restore", str(copy))
    assert twice.returncode != 0 and "not empty" in twice.stderr
    assert stored(tmp_path / "fresh.db") == (cids, cards)

    # A copy from a version of Buurtcafé this one does not know is refused.
    newer = tmp_path / "newer.db"
    shutil.copy(copy, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    refused = cafe(tmp_path / "other", other_url, "restore", str(newer))
    assert refused.returncode != 0 and "does not know" in refused.stderr
    with sqlite3.connect(tmp_path / "other.db") as conn:  # nothing was copied into it
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
