"""A deleted session is gone from the database files too: no participant's words left in free
pages of the SQLite file or in its write-ahead log."""

from pathlib import Path

from cafe.extensions import db
from cafe.sessions.services import delete_session

MARKER = "Geheimnaam-Qx7w"


def file_bytes(app) -> bytes:
    path = Path(db.engine.url.database)
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_a_deleted_sessions_words_are_not_left_in_the_files(app, cafe_session, join):
    for n in range(30):
        join(cafe_session.code, name=f"{MARKER}{n}")
    db.session.remove()
    assert MARKER.encode() in file_bytes(app)
    delete_session(db.session.merge(cafe_session))
    db.session.remove()
    assert MARKER.encode() not in file_bytes(app)
