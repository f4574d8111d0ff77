"""Trust: rate limits, login throttling, withdrawing input, retention, and the privacy pages.

Must come after the features whose routes it limits (auth, participants, api) in FEATURES.
"""

from sqlalchemy import event


def init_app(app):
    from cafe.live import handlers
    from cafe.security import code_guesses, events, form_text, http_limits, retention, throttle  # noqa: F401
    from cafe.security.routes import bp

    app.register_blueprint(bp)
    http_limits.init_app(app)
    form_text.init_app(app)
    code_guesses.init_app(app)
    throttle.init_app(app)
    if throttle.guard not in handlers.GUARDS:
        handlers.GUARDS.append(throttle.guard)
    retention.start(app)
    _sqlite_busy_timeout(app)
    _hardened_socket_json()
    _bounded_ids(app)


def _hardened_socket_json():
    """Read by socketio.init_app, which create_app calls after the features.

    Not through the `json` server option: python-socketio would hand the same codec to Engine.IO,
    whose upgrade probe needs a plain ValueError for text that is not JSON (see safe_json).
    """
    from engineio import packet as engine_packet

    from cafe.extensions import socketio
    from cafe.live.wire import TextPacket
    from cafe.security.safe_json import EngineJSON, SafeJSON

    socketio.server_options.pop("json", None)
    socketio.server_options["serializer"] = TextPacket
    TextPacket.json = SafeJSON
    engine_packet.Packet.json = EngineJSON


def _sqlite_busy_timeout(app):
    """How long a write waits for a locked SQLite database before the client is told to retry.

    Runs after the default pragmas of cafe.app, so the setting wins; read at each new connection.
    """
    from cafe.extensions import db
    from cafe.security.sqlite_wait import PatientConnection

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


def _bounded_ids(app):
    """An id in a URL beyond a 32-bit integer is a 404, not a crash of the database driver.

    Bounds the `int` converters of the routes registered so far and of any registered later.
    """
    from werkzeug.routing import IntegerConverter

    from cafe.live.handlers import MAX_INT

    class IdConverter(IntegerConverter):
        def __init__(self, map, fixed_digits=0, min=None, max=MAX_INT, signed=False):  # noqa: A002
            super().__init__(map, fixed_digits, min, max, signed)

    app.url_map.converters["int"] = IdConverter
    for rule in app.url_map.iter_rules():
        for converter in rule._converters.values():
            if isinstance(converter, IntegerConverter) and converter.max is None:
                converter.max = MAX_INT
