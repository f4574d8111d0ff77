"""Retention: a session's data is deleted when its retention period is over."""

import logging

from flask import current_app
from sqlalchemy import select

from cafe.delphi.erase import delete_study, expired_studies
from cafe.domain.retention import is_expired
from cafe.extensions import db, socketio
from cafe.models import utcnow
from cafe.security import settings
from cafe.security.erase import forget_deleted_rows
from cafe.sessions.models import CafeSession
from cafe.sessions.services import delete_session

log = logging.getLogger(__name__)


def expired_sessions(now=None) -> list[CafeSession]:
    now = now or utcnow()
    return [
        session
        for session in db.session.scalars(select(CafeSession).order_by(CafeSession.id))
        if is_expired(session.created_at, settings.of(session).retention_days, now)
    ]


def purge(now=None, dry_run: bool = False) -> list[str]:
    """Delete every expired session and Delphi study with all their data (and the findings
    copied from them into an analysis); returns the sessions' codes and "delphi:<id>" for each
    study. A study is kept `DELPHI_RETENTION_DAYS` after its last round (see cafe.delphi.erase).
    """
    now = now or utcnow()
    gone = []
    for session in expired_sessions(now):
        gone.append(session.code)
        if not dry_run:
            delete_session(session)
            db.session.commit()  # each deletion on its own: a failure later keeps these done
    days = current_app.config.get("DELPHI_RETENTION_DAYS") or current_app.config["RETENTION_DAYS"]
    for study in expired_studies(days, now):
        gone.append(f"delphi:{study.id}")
        if not dry_run:
            delete_study(study)
            db.session.commit()
    if gone and not dry_run:
        forget_deleted_rows()
        log.info("retention: deleted %d expired session(s) and stud(y/ies)", len(gone))
    return gone


def start(app) -> None:
    """Purge once when the server handles its first request, then every interval.

    The first request is the earliest moment we know this process serves (the CLI and the
    migrations create the app too, and must not delete anything).
    """
    state = {"started": False}

    @app.before_request
    def _purge_at_start():
        if state["started"]:
            return
        state["started"] = True
        _purge_safely(app)
        interval = app.config.get("RETENTION_CHECK_INTERVAL") or 0
        if interval and not app.testing:
            socketio.start_background_task(_loop, app, interval)


def _purge_safely(app) -> None:
    try:
        purge()
    except Exception as exc:  # a failing purge must not take the page down; it is tried again
        db.session.rollback()
        app.logger.warning("retention purge failed: %s", exc)


def _loop(app, interval) -> None:
    while True:
        socketio.sleep(interval)
        with app.app_context():
            _purge_safely(app)
            db.session.remove()
