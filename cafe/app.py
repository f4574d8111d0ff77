"""The application factory."""

import importlib
import os
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from cafe import config as config_module
from cafe.extensions import babel, csrf, db, login_manager, migrate, socketio  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent

# Features, each a package with init_app(app). Activity kinds are discovered inside
# cafe.activities, so adding a kind does not touch this list.
FEATURES = (
    "cafe.web",
    "cafe.auth",
    "cafe.team",
    "cafe.library",
    "cafe.sessions",
    "cafe.editor",
    "cafe.participants",
    "cafe.neighbourhoods",
    "cafe.trajectory",
    "cafe.delphi",
    "cafe.live",
    "cafe.activities",
    "cafe.api",
    "cafe.security",
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

    from cafe.security.sqlite_wait import engine_options

    engine_options(app)
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(ROOT / "cafe" / "migrations"), render_as_batch=True
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    for name in FEATURES:
        importlib.import_module(name).init_app(app)
    # After the features: their Socket.IO handlers are then collected by the extension and
    # bound to every app it is initialised for (tests create many), not just the first.
    from cafe.live.queue import client_manager

    queue = client_manager(app.config.get("MESSAGE_QUEUE"), socketio.server_options)
    socketio.init_app(
        app,
        **({"client_manager": queue} if queue is not None else {}),
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("MESSAGE_QUEUE"),
        cors_allowed_origins=app.config.get("CORS_ALLOWED_ORIGINS"),
        max_http_buffer_size=app.config.get("MAX_MESSAGE_BYTES", 64_000),
        manage_session=False,
    )

    from cafe.web.assets import init_app as init_assets

    init_assets(app)
    return app


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets the projector read while phones write; foreign keys make deletes cascade."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows leave no trace (security.erase)
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
