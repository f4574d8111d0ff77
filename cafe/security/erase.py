"""Deleted means gone from the database file, not only from the tables.

SQLite leaves deleted rows in free pages, and in WAL mode the old pages also stay in the
write-ahead log until a checkpoint: a deleted session's cards could be read from the files with
a text editor. `secure_delete` (set for every connection in cafe.app) zeroes freed content;
after a deletion the log is checkpointed and truncated, so no copy stays in it either.
"""

from sqlalchemy import text

from cafe.extensions import db


def forget_deleted_rows() -> None:
    """After a committed deletion (a session, a study, expired data)."""
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL's VACUUM is the operator's job (docs/DEPLOY.md)
    with db.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
