"""Starting the real server for a run: one or several processes, their database, a proxy.

Everything here is the product as deployed (python -m cafe.server, migrations, nginx), so the
numbers say something about production and not about a test harness.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench horse battery staple"
POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, connect_timeout=3):
            return True
    except Exception:
        return False


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping())
    except Exception:
        return False


def create_postgres_database() -> tuple[str, str]:
    """A fresh database; returns (name, SQLAlchemy URL)."""
    import psycopg

    name = f"cafe_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return name, f"{base}/{name}"


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(instance: Path, database_url: str, plan: str, stand_in_cards: int = 200) -> dict:
    """Schema by migration, a facilitator and a session from a plan, in a child process.

    Until the board kind exists, a stand-in registers its name and puts `stand_in_cards`
    cards on the board directly, so the vote can be measured meanwhile."""
    code = f"""
import json
from flask_migrate import upgrade
from cafe import create_app
from cafe.activities import registry
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
app = create_app({{"ASYNC_MODE": "threading", "DATABASE_URL": {database_url!r}}})
stand_in = registry.get("board") is None
if stand_in:
    class StandIn(registry.ActivityKind):
        name = "board"
    registry.register(StandIn())
with app.app_context():
    upgrade()
    db.create_all()  # tables of kinds whose migration the lead has not generated yet
    user = create_facilitator("bench", {PASSWORD!r}, "en")
    plan = load_plan(available_plans()[{plan!r}], registry.all_kinds())
    s = create_session(user, plan.title, "en", plan)
    db.session.commit()  # services flush; the caller commits
    board = next((a for a in s.activities if a.kind == "board"), None)
    if stand_in and board is not None:
        from cafe.activities.board.models import Card
        for n in range({stand_in_cards}):
            db.session.add(Card(activity_id=board.id, session_id=s.id, text=f"Kaart {{n}}"))
        db.session.commit()
    print(json.dumps({{"code": s.code, "id": s.id, "key": s.projector_key,
                      "activities": [{{"id": a.id, "kind": a.kind, "settings": a.settings}}
                                     for a in s.activities], "stand_in": stand_in}}))
"""
    env = dict(os.environ, CAFE_INSTANCE_PATH=str(instance))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=ROOT)
    if out.returncode:
        raise RuntimeError(f"seeding failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


class ServerProcess:
    """One `python -m cafe.server` on its own port."""

    def __init__(self, workdir: Path, mode: str, database_url: str, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"server-{self.port}.log"
        self.mode = mode
        self.env = dict(os.environ, CAFE_DATABASE_URL=database_url, **env)
        self.proc: subprocess.Popen | None = None

    def start(self) -> "ServerProcess":
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cafe.server", "--port", str(self.port),
             "--async-mode", self.mode],
            env=self.env, stdout=self._log, stderr=subprocess.STDOUT, cwd=ROOT,
        )
        return self

    def wait_ready(self, timeout: float = 40) -> None:
        wait_http(self.url + "/healthz", timeout, self)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_tail(self, chars: int = 2000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wait_http(url: str, timeout: float, server: ServerProcess | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{server.log_tail()}")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


class Nginx:
    """A private nginx (no root, no system config) in front of the server processes."""

    def __init__(self, workdir: Path, upstreams: list[str], connections: int):
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.dir = workdir / "nginx"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        template = (ROOT / "bench" / "nginx.conf.template").read_text()
        servers = "\n".join(f"        server {u};" for u in upstreams)
        self.config = (
            template.replace("{{PREFIX}}", str(self.dir))
            .replace("{{PORT}}", str(self.port))
            .replace("{{UPSTREAMS}}", servers)
            .replace("{{CONNECTIONS}}", str(max(1024, connections * 3)))
        )
        self.proc: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return bool(shutil.which("nginx") or Path("/usr/sbin/nginx").exists())

    def start(self) -> "Nginx":
        (self.dir / "logs").mkdir(parents=True, exist_ok=True)
        conf = self.dir / "nginx.conf"
        conf.write_text(self.config)
        self.proc = subprocess.Popen(
            [self.binary, "-p", str(self.dir), "-c", str(conf), "-e", str(self.dir / "error.log"),
             "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(self.dir / "stderr.log", "ab"),  # noqa: SIM115
        )
        wait_http(self.url + "/healthz", 20)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Deployment:
    """N server processes on one database; with N > 1 (or proxy=True): PostgreSQL, Redis, nginx.

    Use as a context manager; `url` is what the phones connect to, `pids` what is measured.
    """

    def __init__(self, mode: str = "eventlet", processes: int = 1, plan: str = "priorities",
                 proxy: bool | None = None, phones: int = 1000, env: dict | None = None):
        self.mode = mode
        self.processes = processes
        self.plan = plan
        self.proxy = processes > 1 if proxy is None else proxy
        self.phones = phones
        self.env = env or {}
        self.workdir = Path(tempfile.mkdtemp(prefix="cafe-bench-"))
        self.servers: list[ServerProcess] = []
        self.nginx: Nginx | None = None
        self.pg_name: str | None = None

    @property
    def multi(self) -> bool:
        return self.processes > 1 or self.proxy

    def __enter__(self) -> "Deployment":
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        # Every simulated phone comes from 127.0.0.1: per-address rate limits would measure
        # the limiter, not the server. Real rooms raise them per session (docs/SECURITY.md).
        env = {"CAFE_INSTANCE_PATH": str(self.workdir / "instance"),
               "CAFE_SECRET_KEY": "bench-secret", "CAFE_RATELIMIT_ENABLED": "false",
               **self.env}
        if self.proxy:
            env["CAFE_TRUSTED_PROXIES"] = "1"  # the phone's address is in X-Forwarded-For
        if self.multi:
            self.pg_name, database_url = create_postgres_database()
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            env["CAFE_MESSAGE_QUEUE"] = REDIS_URL
            # Pub/sub channels ignore the Redis database number: a private channel keeps a
            # benchmark and a test run on the same Redis from hearing each other.
            env["CAFE_MESSAGE_CHANNEL"] = f"cafe-bench-{uuid.uuid4().hex[:8]}"
        else:
            database_url = f"sqlite:///{self.workdir / 'bench.db'}"
        self.database_url = database_url
        self.session = seed(self.workdir / "instance", database_url, self.plan)
        self.servers = [ServerProcess(self.workdir, self.mode, database_url, env).start()
                        for _ in range(self.processes)]
        for server in self.servers:
            server.wait_ready()
        if self.proxy:
            self.nginx = Nginx(self.workdir, [f"127.0.0.1:{s.port}" for s in self.servers],
                               self.phones).start()
            self.url = self.nginx.url
        else:
            self.url = self.servers[0].url

    @property
    def pids(self) -> list[int]:
        return [s.pid for s in self.servers]

    def alive(self) -> bool:
        return all(s.proc.poll() is None for s in self.servers)

    def log_tail(self) -> str:
        return "\n".join(s.log_tail(1500) for s in self.servers)

    def __exit__(self, *exc) -> None:
        if self.nginx:
            self.nginx.stop()
        for server in self.servers:
            server.stop()
        if self.pg_name:
            try:
                drop_postgres_database(self.pg_name)
            except Exception as err:  # a leftover database is harmless; say so and go on
                print(f"warning: could not drop {self.pg_name}: {err}", file=sys.stderr)
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(self.workdir, ignore_errors=True)


def login(url: str) -> dict:
    """Log the facilitator in; returns the cookies a console connection needs."""
    http = requests.Session()
    page = http.get(url + "/login", timeout=10).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = http.post(url + "/login", data={"username": "bench", "password": PASSWORD,
                                         "csrf_token": token}, allow_redirects=False, timeout=10)
    if r.status_code != 302:
        raise RuntimeError(f"login failed: {r.status_code}")
    return http.cookies.get_dict()
