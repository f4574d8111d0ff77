"""Waiting for a locked SQLite database without stopping the server.

SQLite's own busy handler waits inside the C library. Under eventlet or gevent that is the one
thread every client shares: with a write waiting five seconds for a lock (a backup, a long
migration, `BEGIN EXCLUSIVE` in another program), no page, phone or projector got an answer for
five seconds. Here SQLite gives up at once (busy_timeout 0) and the statement is tried again
after a sleep of the async mode, which lets every other client run meanwhile. After
SQLITE_BUSY_TIMEOUT_MS the error goes up as before: the client is told `retry`.
"""

import sqlite3
import time

from cafe.extensions import socketio

SQLITE_BUSY = 5  # also its extended codes, except BUSY_SNAPSHOT: that transaction must restart
SQLITE_BUSY_SNAPSHOT = 517
FIRST_PAUSE, LONGEST_PAUSE = 0.002, 0.05  # seconds


def _sleep(seconds: float) -> None:
    server = getattr(socketio, "server", None)
    (server.sleep if server is not None else time.sleep)(seconds)


def _locked(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "database is locked" in str(error)
    return code & 0xFF == SQLITE_BUSY and code != SQLITE_BUSY_SNAPSHOT


def _patiently(call, timeout_ms: int):
    deadline = time.monotonic() + timeout_ms / 1000
    pause = FIRST_PAUSE
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            if not _locked(error) or time.monotonic() + pause > deadline:
                raise
        _sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


class PatientCursor(sqlite3.Cursor):
    def execute(self, *args):
        return _patiently(lambda: super(PatientCursor, self).execute(*args),
                          self.connection.busy_timeout_ms)

    def executemany(self, *args):
        return _patiently(lambda: super(PatientCursor, self).executemany(*args),
                          self.connection.busy_timeout_ms)


class PatientConnection(sqlite3.Connection):
    """sqlite3's connection whose statements wait for a lock cooperatively (see above)."""

    busy_timeout_ms = 5000  # set per connection from SQLITE_BUSY_TIMEOUT_MS

    def cursor(self, factory=PatientCursor):
        return super().cursor(factory)

    def execute(self, *args):
        return self.cursor().execute(*args)

    def commit(self):
        return _patiently(super().commit, self.busy_timeout_ms)


def engine_options(app) -> None:
    """Before db.init_app: SQLite connections are PatientConnections."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    connect_args = options.setdefault("connect_args", {})
    connect_args.setdefault("factory", PatientConnection)
    connect_args.setdefault("timeout", 0)
