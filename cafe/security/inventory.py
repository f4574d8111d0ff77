"""Every stored row that belongs to a session, found through the foreign keys.

Tables are discovered from the metadata, so the tables of kinds added later are included without
being listed. Used to check that deleting a session leaves nothing behind.
"""

from sqlalchemy import select

from cafe.extensions import db


def session_rows(session_id: int) -> dict[str, set[tuple]]:
    """{table name: primary keys} of the session's row and of every row that points at one of
    them, directly or through other rows (cards -> activities -> sessions)."""
    tables = db.metadata.sorted_tables
    found: dict[str, set[tuple]] = {"sessions": {(session_id,)}}
    changed = True
    while changed:
        changed = False
        for table in tables:
            pk = list(table.primary_key.columns)
            if not pk:
                continue
            for fk in table.foreign_keys:
                target = fk.column.table.name
                parents = found.get(target)
                if not parents or len(fk.column.table.primary_key.columns) != 1:
                    continue
                if fk.column.name != list(fk.column.table.primary_key.columns)[0].name:
                    continue
                ids = [key[0] for key in parents]
                rows = db.session.execute(select(*pk).where(fk.parent.in_(ids))).all()
                keys = {tuple(row) for row in rows} - found.get(table.name, set())
                if keys:
                    found.setdefault(table.name, set()).update(keys)
                    changed = True
    return found


def remaining(rows: dict[str, set[tuple]]) -> dict[str, set[tuple]]:
    """Which of these rows still exist."""
    left = {}
    for name, keys in rows.items():
        table = db.metadata.tables[name]
        pk = list(table.primary_key.columns)
        present = {tuple(r) for r in db.session.execute(select(*pk)).all()}
        if keys & present:
            left[name] = keys & present
    return left
