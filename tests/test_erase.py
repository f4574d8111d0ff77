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


def test_findings_copied_from_a_deleted_session_go_with_it(app, facilitator, cafe_session):
    from sqlalchemy import select

    from cafe.neighbourhoods import services as hoods
    from cafe.neighbourhoods.models import Finding

    hood = hoods.create(facilitator, "Rabot", "Gent")
    hoods.add_finding(hood, "experience", "Door de facilitator genoteerd")
    for n in range(7):  # as the export from a session stores them
        db.session.add(Finding(neighbourhood_id=hood.id, section="need",
                               text=f"Kaart-{MARKER}-{n}",
                               source_key=f"s{cafe_session.id}:a1:card{n}",
                               source_kind="board", session_id=cafe_session.id))
    db.session.commit()
    delete_session(cafe_session)
    db.session.remove()
    left = db.session.scalars(select(Finding.text)).all()
    assert left == ["Door de facilitator genoteerd"]
    assert MARKER.encode() not in file_bytes(app)
