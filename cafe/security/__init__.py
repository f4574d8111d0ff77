"""Trust: rate limits, login throttling, withdrawing input, retention, and the privacy pages.

Must come after the features whose routes it limits (auth, participants, api) in FEATURES.
"""

from sqlalchemy import event


def init_app(app):
    from cafe.live import handlers
    from cafe.security import events, http_limits, retention, throttle  # noqa: F401
    from cafe.security.routes import bp

    app.register_blueprint(bp)
    http_limits.init_app(app)
    throttle.init_app(app)
    if throttle.guard not in handlers.GUARDS:
        handlers.GUARDS.append(throttle.guard)
    retention.start(app)
    _sqlite_busy_timeout(app)


def _sqlite_busy_timeout(app):
    """How long a write waits for a locked SQLite database before the client is told to retry.

    Runs after the default pragmas of cafe.app, so the setting wins; read at each new connection.
    """
    from cafe.extensions import db

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _set_timeout(dbapi_connection, _record):
        timeout = app.config.get("SQLITE_BUSY_TIMEOUT_MS")
        if timeout is not None:
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
            cursor.close()
