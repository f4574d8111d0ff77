"""A real server process (python -m cafe.server) on a free port, with its own database file."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import socketio

from tests.support.factories import FACILITATOR_PASSWORD


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(instance: Path, database_url: str, plan: str = "kickoff-buurtanalyse") -> dict:
    """Create the schema (by migration), a facilitator and a session, in a child process
    so this test process's extensions stay untouched."""
    code = f"""
import json
from flask_migrate import upgrade
from cafe import create_app
from cafe.activities import registry
from cafe.auth.services import create_facilitator
from cafe.sessions.plans import available_plans, load_plan
from cafe.extensions import db
from cafe.sessions.services import create_session
app = create_app({{"ASYNC_MODE": "threading", "DATABASE_URL": {database_url!r}}})
with app.app_context():
    upgrade()
    user = create_facilitator("anna", {FACILITATOR_PASSWORD!r}, "en")
    create_facilitator("bert", {FACILITATOR_PASSWORD!r}, "en")
    plan = load_plan(available_plans()[{plan!r}], registry.all_kinds())
    s = create_session(user, plan.title, "en", plan)
    db.session.commit()  # services flush; the caller commits
    print(json.dumps({{"code": s.code, "id": s.id, "key": s.projector_key,
                      "activities": [a.id for a in s.activities]}}))
"""
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(instance))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


class LiveServer:
    def __init__(self, tmp_path: Path, async_mode="eventlet", database_url=None, extra_env=None):
        self.instance = tmp_path / "instance"
        self.database_url = database_url or f"sqlite:///{tmp_path / 'live.db'}"
        self.async_mode = async_mode
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = extra_env or {}
        self.proc = None
        self.log_path = tmp_path / f"server-{self.port}.log"

    def seed(self, plan="kickoff-buurtanalyse") -> dict:
        self.session = seed(self.instance, self.database_url, plan)
        return self.session

    def command(self) -> list[str]:
        return [sys.executable, "-m", "cafe.server", "--port", str(self.port),
                "--async-mode", self.async_mode]

    def start(self, timeout=30):
        env = dict(
            os.environ,
            CAFE_INSTANCE_PATH=str(self.instance),
            CAFE_DATABASE_URL=self.database_url,
            CAFE_SECRET_KEY="live-test-secret",
            **self.extra_env,
        )
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            self.command(), env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def join(self, code=None, **body) -> str:
        r = requests.post(f"{self.url}/api/v1/join/{code or self.session['code']}", json=body,
                          timeout=10)
        assert r.status_code == 201, r.text
        return r.json()["token"]

    def login(self, username="anna") -> requests.Session:
        http = requests.Session()
        page = http.get(self.url + "/login", timeout=10).text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        r = http.post(self.url + "/login", data={"username": username,
                      "password": FACILITATOR_PASSWORD, "csrf_token": token},
                      allow_redirects=False, timeout=10)
        assert r.status_code == 302, r.text
        return http


class Recorder:
    """A python-socketio client that remembers what it received."""

    def __init__(self, url, auth, cookies=None):
        self.client = socketio.Client(reconnection=False)
        self.events: list[tuple[str, object]] = []
        self._cond = threading.Condition()
        self.client.on("*", self._record)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
        # Default transports, as a phone connects: long-polling, then the WebSocket upgrade.
        self.client.connect(url, auth=auth, headers=headers if cookies else {}, wait_timeout=10)

    def _record(self, event, data=None):
        with self._cond:
            self.events.append((event, data))
            self._cond.notify_all()

    def wait_for(self, predicate, timeout=10.0):
        """Wait until some received (event, data) satisfies predicate; return its data."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for event, data in self.events:
                    if predicate(event, data):
                        return data
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"not received; got {[e for e, _ in self.events]}")
                self._cond.wait(left)

    def last(self, name):
        with self._cond:
            for event, data in reversed(self.events):
                if event == name:
                    return data
        return None

    def call(self, event, data, timeout=10):
        return self.client.call(event, data, timeout=timeout)

    def close(self):
        if self.client.connected:
            self.client.disconnect()
