"""Rounds that open and close at set times, and reminders, without the facilitator.

Each due action is claimed by one UPDATE ... WHERE status = 'scheduled' and carried out in the
same transaction: when several processes look at once, the database lets one win (the others
update no row), and a process that dies half-way leaves the action scheduled, since nothing
was committed.
"""

import logging
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from cafe.delphi import notices, services
from cafe.delphi.models import ScheduledAction, Study
from cafe.delphi.times import shown  # noqa: F401 (the schedule as its pages show it)
from cafe.extensions import db

log = logging.getLogger(__name__)
ACTIONS = ("open", "close", "remind")


def add(study: Study, action: str, due_at: datetime) -> ScheduledAction:
    if action not in ACTIONS:
        raise ValueError(action)
    # In UTC: SQLite keeps the clock time and drops the offset, and due times are compared
    # with a UTC "now".
    due_at = due_at.replace(tzinfo=UTC) if due_at.tzinfo is None else due_at.astimezone(UTC)
    row = ScheduledAction(study_id=study.id, action=action, due_at=due_at)
    db.session.add(row)
    db.session.flush()
    return row


def pending(study: Study) -> list[ScheduledAction]:
    return list(db.session.scalars(select(ScheduledAction).where(
        ScheduledAction.study_id == study.id, ScheduledAction.status == "scheduled")
        .order_by(ScheduledAction.due_at)))


def cancel(study: Study, action_id: int) -> bool:
    result = db.session.execute(update(ScheduledAction).where(
        ScheduledAction.id == action_id, ScheduledAction.study_id == study.id,
        ScheduledAction.status == "scheduled").values(status="cancelled"))
    return result.rowcount == 1


def run_due(now: datetime, worker: str, base_url: str, domain: str) -> list[tuple[str, int]]:
    """Carry out every action due at `now` that no other process has; returns what this
    process did, as (action, study id)."""
    ids = list(db.session.scalars(select(ScheduledAction.id).where(
        ScheduledAction.status == "scheduled", ScheduledAction.due_at <= now)
        .order_by(ScheduledAction.due_at, ScheduledAction.id)))
    db.session.commit()
    done = []
    for action_id in ids:
        try:
            claimed = db.session.execute(
                update(ScheduledAction)
                .where(ScheduledAction.id == action_id, ScheduledAction.status == "scheduled")
                .values(status="done", done_at=now, done_by=worker[:64])
                .execution_options(synchronize_session=False)).rowcount == 1
            if not claimed:
                db.session.rollback()
                continue
            action = db.session.get(ScheduledAction, action_id)
            study = db.session.get(Study, action.study_id)
            _perform(study, action, now, base_url, domain)
            db.session.commit()
        except OperationalError as exc:  # locked by the process that won: it is done there
            db.session.rollback()
            log.info("delphi schedule %s: %s", action_id, exc)
            continue
        done.append((action.action, study.id))
        log.info("delphi study %s: %s at %s", study.id, action.action, now.isoformat())
    return done


def _perform(study: Study, action: ScheduledAction, now, base_url: str, domain: str) -> None:
    if action.action == "open":
        round_ = services.open_round(study, now)
        notices.round_opened(study, round_, base_url, domain)
    elif action.action == "close":
        services.close_round(study, now)
    else:
        round_ = services.current_round(study, now)
        if round_ is not None:
            notices.remind(study, round_, f"s{action.id}", base_url, domain)
