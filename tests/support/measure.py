"""What one event costs the server and the wire: SQL statements, rows read, message sizes
(issue 31: the cost of one change must not grow with the wall)."""

import json

from sqlalchemy import event

from cafe.extensions import db


class Work:
    """SQL statements the engine runs and rows the session's queries return."""

    def __init__(self):
        self.statements = 0
        self.rows = 0

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._statement)
        event.listen(db.session, "do_orm_execute", self._orm)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._statement)
        event.remove(db.session, "do_orm_execute", self._orm)

    def _statement(self, *_args):
        self.statements += 1

    def _orm(self, state):
        result = state.invoke_statement().freeze()
        self.rows += len(result().all())
        return result()


def size(payload) -> int:
    return len(json.dumps(payload, separators=(",", ":"), default=str))
