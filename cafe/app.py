"""The application factory: everything a process needs is installed here, visibly, not as a
side effect of importing a module."""

import importlib
import os
import sqlite3
from pathlib import Path

from engineio import packet as engine_packet
from flask import Flask
from sqlalchemy import event

from cafe import caches
from cafe import config as config_module
from cafe.extensions import babel, csrf, db, login_manager, migrate, socketio  # noqa: F401
from cafe.live import early, runtime
from cafe.live.queue import client_manager
from cafe.live.tasks import start as start_tasks  # noqa: F401 (cafe.server starts them)
from cafe.live.wire import TextPacket
from cafe.security.safe_json import EngineJSON, SafeJSON
from cafe.security.sqlite_wait import engine_options
from cafe.web.assets import init_app as init_assets

ROOT = Path(__file__).resolve().parent.parent

# Features, each a module with init_app(app), in this order. The live layer comes first: the
# others register on its runtime (guards, views, tasks). Activity kinds are discovered inside
# cafe.activities, so adding a kind does not touch this list.
FEATURES = (
    "cafe.live.feature",
    "cafe.web.feature",
    "cafe.auth.feature",
    "cafe.team.feature",
    "cafe.library.feature",
    "cafe.sessions.feature",
    "cafe.editor",
    "cafe.participants.feature",
    "cafe.neighbourhoods.feature",
    "cafe.reports.feature",
    "cafe.trajectory.feature",
    "cafe.delphi.feature",
    "cafe.activities",
    "cafe.api.feature",
    "cafe.security.feature",
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        "cafe",
        root_path=str(ROOT / "cafe"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("CAFE_INSTANCE_PATH") or str(ROOT / "instance"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(config_module.load(app.instance_path, config))

    engine_options(app)
    db.init_app(app)
    with app.app_context():
        event.listen(db.engine, "connect", sqlite_pragmas)
    migrate.init_app(
        app, db, directory=str(ROOT / "cafe" / "migrations"), render_as_batch=True
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    caches.init_app(app)  # the app's bounded caches: app.extensions["cafe_caches"]
    runtime.init_app(app)  # the live layer's state: app.extensions["cafe_live"]
    for name in FEATURES:
        importlib.import_module(name).init_app(app)
    # After the features: their Socket.IO handlers are then collected by the extension and
    # bound to every app it is initialised for (tests create many), not just the first.
    socket_codec()
    queue = client_manager(app.config["MESSAGE_QUEUE"], socketio.server_options)
    socketio.init_app(
        app,
        **({"client_manager": queue} if queue is not None else {}),
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["MESSAGE_QUEUE"],
        cors_allowed_origins=app.config["CORS_ALLOWED_ORIGINS"],
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        manage_session=False,
    )
    early.install(socketio.server)  # a phone's connect answered in the handshake
    init_assets(app)
    return app


def socket_codec() -> None:
    """How the live channel reads and writes packets, read by socketio.init_app.

    Socket.IO packets are JSON text only (cafe/live/wire.py) read with a decoder hardened
    against hostile input (cafe/security/safe_json.py). Not through the `json` server option:
    python-socketio would hand the same codec to Engine.IO, whose upgrade probe needs a plain
    ValueError for text that is not JSON; Engine.IO's packets get their own codec. Engine.IO's
    is a class attribute: process-wide, the same for every app.
    """
    socketio.server_options.pop("json", None)
    socketio.server_options["serializer"] = TextPacket
    TextPacket.json = SafeJSON
    engine_packet.Packet.json = EngineJSON


def sqlite_pragmas(dbapi_connection, _record):
    """WAL lets the projector read while phones write; foreign keys make deletes cascade.
    Listens on the app's engine (registered in create_app, before the busy timeout of
    cafe.security, which then wins)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows leave no trace (security.erase)
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
