"""A deleted session is gone from the database files too: no participant's words left in free
pages of the SQLite file or in its write-ahead log."""

from pathlib import Path

from cafe.extensions import db
from cafe.security.erase import forget_deleted_rows
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
    db.session.commit()  # the service flushes; the caller commits, then forgets the rows
    forget_deleted_rows()
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
    db.session.commit()
    forget_deleted_rows()
    db.session.remove()
    left = db.session.scalars(select(Finding.text)).all()
    assert left == ["Door de facilitator genoteerd"]
    assert MARKER.encode() not in file_bytes(app)


def test_delphi_studies_have_a_retention_period_too(app, facilitator):
    """A study is deleted RETENTION_DAYS after its last round, with its answers and the findings
    copied from it into an analysis; a study whose round closed recently is kept."""
    from datetime import timedelta

    from sqlalchemy import select

    from cafe.delphi import services as delphi
    from cafe.delphi.models import Statement, Study
    from cafe.models import utcnow
    from cafe.neighbourhoods import services as hoods
    from cafe.neighbourhoods.models import Finding
    from cafe.security.retention import purge

    now = utcnow()
    old = delphi.create_study(facilitator, f"Oud {MARKER}", "nl", ["Partners"],
                              [("", f"Stelling {MARKER}")])
    recent = delphi.create_study(facilitator, "Recent", "nl", ["Partners"], [("", "Nieuw")])
    old.created_at = recent.created_at = now - timedelta(days=420)
    delphi.open_round(old, now - timedelta(days=400))
    delphi.close_round(old, now - timedelta(days=380))
    delphi.open_round(recent, now - timedelta(days=400))
    delphi.close_round(recent, now - timedelta(days=10))  # ran for over a year: still kept
    hood = hoods.create(facilitator, "Rabot", "Gent")
    db.session.add(Finding(neighbourhood_id=hood.id, section="consensus",
                           text=f"Consensus {MARKER}", source_key=f"d{old.id}:s1",
                           source_kind="delphi", study_id=old.id))
    db.session.commit()
    old_id, recent_id = old.id, recent.id

    assert purge(now=now, dry_run=True) == [f"delphi:{old_id}"]
    assert db.session.get(Study, old_id) is not None
    assert purge(now=now) == [f"delphi:{old_id}"]
    db.session.remove()
    assert db.session.scalars(select(Study.id)).all() == [recent_id]
    assert db.session.scalars(select(Statement.text)).all() == ["Nieuw"]
    assert db.session.scalars(select(Finding.text)).all() == []
    assert MARKER.encode() not in file_bytes(app)
