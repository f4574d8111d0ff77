"""Canvases (theory of change, ICAMO), their items, the links between items, and votes."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at, utcnow

# participant: from a phone; assisted: entered on someone's behalf; facilitator: the console;
# priority: seeded from the preceding vote's ranking.
ENTERED_BY = ("participant", "assisted", "facilitator", "priority")


class Canvas(db.Model):
    """One sheet of an activity: for the room, for one table or for one group."""

    __tablename__ = "canvases"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The World Café table it belongs to (scope "table"), when there is one.
    table_id: Mapped[int | None] = mapped_column(Integer)
    # Locked by the facilitator: phones can no longer change it.
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # The one the projector shows, when an activity has several.
    projected: Mapped[bool] = mapped_column(Boolean, default=False)
    # Priorities were copied in once; reopening does not copy them again.
    seeded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = created_at()


class CanvasItem(db.Model):
    __tablename__ = "canvas_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    canvas_id: Mapped[int] = mapped_column(
        ForeignKey("canvases.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    field: Mapped[str] = mapped_column(String(40))
    configuration: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    # Bumped on every edit or move: a change based on an older version is refused, never
    # written over someone else's.
    version: Mapped[int] = mapped_column(Integer, default=1)
    entered_by: Mapped[str] = mapped_column(String(16), default="participant")
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class CanvasLink(db.Model):
    """Item A leads to item B (this activity leads to that outcome)."""

    __tablename__ = "canvas_links"
    __table_args__ = (UniqueConstraint("from_item_id", "to_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canvas_id: Mapped[int] = mapped_column(
        ForeignKey("canvases.id", ondelete="CASCADE"), index=True
    )
    from_item_id: Mapped[int] = mapped_column(
        ForeignKey("canvas_items.id", ondelete="CASCADE"), index=True
    )
    to_item_id: Mapped[int] = mapped_column(
        ForeignKey("canvas_items.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = created_at()


class CanvasVote(db.Model):
    """One participant supports one item (at most once)."""

    __tablename__ = "canvas_votes"
    __table_args__ = (UniqueConstraint("item_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("canvas_items.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = created_at()
