"""Statements people agree or disagree with, and their votes (agree 1, disagree -1, pass 0)."""

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at, utcnow

# pending: awaiting the facilitator's approval (pre-moderation).
STATEMENT_STATUSES = ("pending", "visible", "hidden")
# Where a statement came from: a participant, the facilitator, the plan, or a seed source.
ORIGINS = ("participant", "facilitator", "plan", "board", "worldcafe", "delphi")


class OpinionStatement(db.Model):
    __tablename__ = "opinion_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="visible")
    origin: Mapped[str] = mapped_column(String(16), default="participant")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = created_at()


class OpinionVote(db.Model):
    __tablename__ = "opinion_votes"
    __table_args__ = (
        UniqueConstraint("statement_id", "participant_id"),
        # The votes changed since the analysis last read them (statements/matrix.py).
        Index("ix_opinion_votes_activity_updated", "activity_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("opinion_statements.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
