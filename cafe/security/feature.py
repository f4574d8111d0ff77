"""Trust in the app. Must come after the features whose routes it limits (auth, participants,
api) in FEATURES."""

from flask import Flask
from sqlalchemy import event
from werkzeug.routing import IntegerConverter

from cafe.extensions import db
from cafe.live.handlers import MAX_INT
from cafe.live.runtime import live
from cafe.security import (  # noqa: F401 (events: socket handlers)
    code_guesses,
    events,
    form_text,
    http_limits,
    retention,
    throttle,
)
from cafe.security.routes import bp
from cafe.security.sqlite_wait import PatientConnection


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    http_limits.init_app(app)
    form_text.init_app(app)
    code_guesses.init_app(app)
    throttle.init_app(app)
    live(app).add_guard(throttle.guard)  # after team's authorisation (earlier in FEATURES)
    retention.start(app)
    _sqlite_busy_timeout(app)
    _bounded_ids(app)


def _sqlite_busy_timeout(app: Flask) -> None:
    """How long a write waits for a locked SQLite database before the client is told to retry.

    Runs after the default pragmas of cafe.app, so the setting wins; read at each new connection.
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _set_timeout(dbapi_connection, _record):
        timeout = app.config.get("SQLITE_BUSY_TIMEOUT_MS")
        if timeout is None:
            return
        if isinstance(dbapi_connection, PatientConnection):
            # The wait happens in Python, cooperatively (see sqlite_wait): SQLite gives up at once.
            dbapi_connection.busy_timeout_ms = int(timeout)
            timeout = 0
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
        cursor.close()


def _bounded_ids(app: Flask) -> None:
    """An id in a URL beyond a 32-bit integer is a 404, not a crash of the database driver.

    Bounds the `int` converters of the routes registered so far and of any registered later.
    """

    class IdConverter(IntegerConverter):
        def __init__(self, map, fixed_digits=0, min=None, max=MAX_INT, signed=False):  # noqa: A002
            super().__init__(map, fixed_digits, min, max, signed)

    app.url_map.converters["int"] = IdConverter
    for rule in app.url_map.iter_rules():
        for converter in rule._converters.values():
            if isinstance(converter, IntegerConverter) and converter.max is None:
                converter.max = MAX_INT
