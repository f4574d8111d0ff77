"""Ballot entries of a prioritisation vote, and what the facilitator chose to show."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at, utcnow


class Vote(db.Model):
    """One participant's entry on one item: dots on it, its place in their ranking, or a rating.

    The item is a card or a theme of the board the vote is about (see `target`); it is kept as
    voted, so a card merged later still shows where the vote came from, and the tally resolves
    the merge.
    """

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", "target", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[str] = mapped_column(String(8), default="card")  # card | theme
    item_id: Mapped[int] = mapped_column(Integer)
    dots: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int | None] = mapped_column(Integer)
    importance: Mapped[int | None] = mapped_column(Integer)
    urgency: Mapped[int | None] = mapped_column(Integer)
    # "participant", or "assisted" when a facilitator entered it for someone without a phone.
    entered_by: Mapped[str] = mapped_column(String(16), default="participant")
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class VoteDisplay(db.Model):
    """What the projector and phones may see of the results, set from the console."""

    __tablename__ = "vote_displays"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The stakeholder role whose results the projector shows; None: everybody.
    role: Mapped[str | None] = mapped_column(String(32))
