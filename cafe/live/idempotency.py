"""Client event ids: a retried or replayed event is applied once and answered the same way."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at


class ProcessedEvent(db.Model):
    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("actor", "cid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(40))
    cid: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at()


_EARLIER = select(ProcessedEvent.result).where(
    ProcessedEvent.actor == bindparam("actor"), ProcessedEvent.cid == bindparam("cid")
)
_RECORD = insert(ProcessedEvent)


def previous_result(actor: str, cid: str) -> dict | None:
    """Asked before every event a client sends: one indexed lookup, no ORM objects."""
    result = db.session.connection().execute(_EARLIER, {"actor": actor, "cid": cid}).scalar()
    return None if result is None else dict(result)


def record_and_commit(session_id: int, actor: str, cid: str, event: str, result: dict) -> dict:
    """Commit the handler's changes together with the event id, or return the earlier answer.

    Two deliveries of the same event racing each other: the unique constraint lets one win,
    the other rolls back its changes and answers with the winner's result.
    """
    row = {"session_id": session_id, "actor": actor, "cid": cid, "event": event,
           "result": result}
    try:
        db.session.connection().execute(_RECORD, row)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = previous_result(actor, cid)
        if earlier is None:
            raise
        return {**earlier, "replayed": True}
    return result
