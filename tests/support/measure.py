"""What one event costs the server and the wire: SQL statements, rows read, message sizes
(issue 31: the cost of one change must not grow with the wall)."""

import json
import threading

from sqlalchemy import event

from cafe.extensions import db

# SQLite calls the progress handler once every this many steps of its virtual machine.
STEPS = 100


class Work:
    """SQL statements the engine runs, rows the session's queries return, and on SQLite the
    work of the database itself (`steps`: hundreds of its virtual machine's steps; a COUNT
    reads an index step by step, which returns one row whatever the size of the wall)."""

    def __init__(self):
        self.statements = 0
        self.rows = 0
        self.steps = 0
        self._connections = []
        # The event's own statements: not a background task's that happens to run meanwhile
        # (a word cloud's render reads every text of the wall, as it should).
        self._thread = threading.get_ident()

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._statement)
        event.listen(db.session, "do_orm_execute", self._orm)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._statement)
        event.remove(db.session, "do_orm_execute", self._orm)
        for connection in self._connections:
            connection.set_progress_handler(None, STEPS)

    def _statement(self, _conn, cursor, *_args):
        self.statements += 1
        connection = getattr(cursor, "connection", None)
        if hasattr(connection, "set_progress_handler") and connection not in self._connections:
            connection.set_progress_handler(self._step, STEPS)
            self._connections.append(connection)

    def _step(self):
        if threading.get_ident() == self._thread:
            self.steps += 1
        return 0  # go on

    def _orm(self, state):
        result = state.invoke_statement().freeze()
        self.rows += len(result().all())
        return result()


def size(payload) -> int:
    return len(json.dumps(payload, separators=(",", ":"), default=str))
