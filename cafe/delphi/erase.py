"""Deleting a Policy Delphi study, by hand or when its retention period is over.

A study goes with everything that came from its panelists: answers, arguments, e-mail addresses,
the outbox, the schedule, and the findings a facilitator copied from it into a neighbourhood
analysis (as a session's findings go with the session). What the facilitator wrote by hand in
the analysis stays.
"""

from datetime import UTC, datetime

from sqlalchemy import delete, or_, select

from cafe.delphi.models import Round, Study
from cafe.domain.retention import is_expired
from cafe.extensions import db
from cafe.neighbourhoods.models import Finding


def delete_study(study: Study) -> None:
    """Deletes the study and what came from it; the caller commits, then calls
    cafe.security.erase.forget_deleted_rows()."""
    db.session.execute(delete(Finding).where(or_(
        Finding.study_id == study.id, Finding.source_key.startswith(f"d{study.id}:"))))
    db.session.delete(study)
    db.session.flush()


def last_activity(study: Study) -> datetime:
    """The study's retention period counts from its last round's close (or opening, or the
    study's creation): a Delphi runs for weeks, so counting from creation would cut it short."""
    moments = [study.created_at]
    for opened, closed in db.session.execute(
        select(Round.opens_at, Round.closes_at).where(Round.study_id == study.id)
    ):
        moments += [m for m in (opened, closed) if m is not None]
    return max(_aware(m) for m in moments)


def expired_studies(retention_days: int, now: datetime) -> list[Study]:
    return [
        study for study in db.session.scalars(select(Study).order_by(Study.id))
        if is_expired(last_activity(study), retention_days, now)
    ]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
