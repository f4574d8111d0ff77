"""A real server process (python -m cafe.server) on a free port, with its own database file."""

import atexit
import copy
import json
import multiprocessing
import os
import runpy
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from pathlib import Path

import requests
import socketio

from cafe.app import FEATURES
from tests.support.factories import FACILITATOR_PASSWORD, apply_patch

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_child(module: str, args: list[str], env: dict, out: str, err: str) -> None:
    """In a fresh fork of the preloading fork server: run `python -m MODULE ARGS...` with this
    environment, its output in the files `out` and `err`, and exit with its status."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(ROOT)
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.argv = [module, *args]
    status = 0
    try:
        # The fork server imported cafe.cli already; running it again as __main__ is meant.
        warnings.simplefilter("ignore", RuntimeWarning)
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (exc.code is not None)
    except BaseException:  # noqa: BLE001 - a child's failure is reported like a process's
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


# One fork server per test process: it imports the app, its features and the seeds once, and
# each command runs in a fork of it (its own process, as with `python -m`), without paying the
# imports again: a test run seeds about a hundred times.
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["cafe.cli", *FEATURES, "tests.support.seeds",
                              "tests.support.server"])


def run_module(module: str, args, env: dict) -> tuple[int, str, str]:
    """`python -m MODULE ARGS...` in a child process with `env`: (status, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        child = FORKS.Process(target=_run_child, args=(module, list(args), env, out, err))
        child.start()
        child.join()
        return (child.exitcode, Path(out).read_text() if os.path.exists(out) else "",
                Path(err).read_text() if os.path.exists(err) else "")


def cafe_command(instance: Path, database_url: str, *args: str) -> str:
    """Run `cafe ARGS...` on this database in a child process (so this test process's
    extensions stay untouched); its output."""
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(instance), CAFE_DATABASE_URL=database_url)
    status, out, err = run_module("cafe.cli", args, env)
    if status:
        raise RuntimeError(f"cafe {' '.join(args)}: {err[-4000:]}")
    return out


def migrated_copy(database_url: str) -> None:
    """A new SQLite database starts as a copy of one migrated to the head once per test
    process: the migrations run once, not once per server (the seed's upgrade is then a no-op)."""
    if not database_url.startswith("sqlite:///"):
        return
    target = Path(database_url.removeprefix("sqlite:///"))
    if target.exists():
        return
    template = Path(tempfile.gettempdir()) / f"cafe-migrated-{os.getpid()}.db"
    if not template.exists():
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        cafe_command(template.parent / "instance-template", f"sqlite:///{building}",
                     "db", "upgrade")
        building.rename(template)
        atexit.register(template.unlink, missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)


def seed(instance: Path, database_url: str, plan: str = "kickoff-buurtanalyse") -> dict:
    """`cafe seed`: the schema by migration, the facilitators anna and bert, and a session in
    English from `plan`, run by anna."""
    migrated_copy(database_url)
    out = cafe_command(instance, database_url, "seed", "--plan", plan, "--language", "en",
                       "--facilitator", f"anna:{FACILITATOR_PASSWORD}",
                       "--facilitator", f"bert:{FACILITATOR_PASSWORD}")
    return json.loads(out.strip().splitlines()[-1])


def run_seed(script: str, instance: Path, database_url: str, *args, raw=False):
    """Run a test seed, `python -m tests.support.seeds.SCRIPT DATABASE_URL ARGS...` (an
    argument that is not a string goes as JSON), in a child process; the last line it printed,
    read as JSON (None when it printed nothing), or with `raw` all it printed."""
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(instance))
    status, out, err = run_module(
        f"tests.support.seeds.{script}",
        [database_url, *(json.dumps(a) if not isinstance(a, str) else a for a in args)], env)
    if status:
        raise RuntimeError(f"seed {script}: {err[-4000:]}")
    if raw:
        return out
    lines = out.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def create_missing_tables(live: "LiveServer") -> None:
    """`cafe seed` migrates the schema; tables of models whose migration is still on another
    branch are created here (a no-op once the migration exists)."""
    run_seed("tables", live.instance, live.database_url)


class LiveServer:
    """A server process; `session` is the session seeded for the test (`seed`). Tests start one
    through the `live_server` fixture (tests/support/fixtures/servers.py)."""

    # What a second session on the same process shares with the first (see `sharing`).
    PROCESS = ("instance", "database_url", "async_mode", "port", "url", "extra_env", "proc",
               "log_path", "_log")

    def __init__(self, tmp_path: Path, async_mode="eventlet", database_url=None, extra_env=None):
        self.shared = False
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

    def sharing(self, plan="kickoff-buurtanalyse", session=None) -> "LiveServer":
        """This running process with a session of its own (a new code; `plan` is seeded unless
        `session` is given), for a module whose tests touch only their own session. Stopping
        it leaves the process running for the others."""
        view = LiveServer.__new__(LiveServer)
        view.__dict__.update({name: self.__dict__[name] for name in self.PROCESS
                              if name in self.__dict__})
        view.shared = True
        if session is None:
            view.seed(plan)
        else:
            view.session = session
        return view

    def command(self) -> list[str]:
        return [sys.executable, "-m", "cafe.server", "--port", str(self.port),
                "--async-mode", self.async_mode]

    def start(self, timeout=120):
        """Start the process and wait until it answers /healthz: up to two minutes, as on a
        busy 2-core machine (a seed and several servers starting at once) it can take that."""
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
        if self.shared:
            return
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

    def view(self, activity_id: int) -> dict | None:
        """The activity as this client shows it: its last whole view (`activity`, `state`)
        with the `patch` and `tally` messages after it applied, as static/js/cafe.js does."""
        with self._cond:
            events = list(self.events)
        view = None
        for event, data in events:
            if event == "state" and str(activity_id) in data.get("activities", {}):
                view = copy.deepcopy(data["activities"][str(activity_id)])
            elif event == "activity" and data["id"] == activity_id:
                view = copy.deepcopy(data)
            elif event == "patch" and data["id"] == activity_id and view is not None:
                assert apply_patch(view, data), "a patch version is missing"
            elif event == "tally" and data["id"] == activity_id and view is not None:
                view["data"].update(data["data"])
        return view

    def wait_view(self, activity_id: int, predicate, timeout=10.0) -> dict:
        """Wait until the activity as shown (see view) satisfies predicate(view)."""
        def shown(_event, _data):
            view = self.view(activity_id)
            return view is not None and predicate(view)
        self.wait_for(shown, timeout)
        return self.view(activity_id)

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
