"""Cards of the burning platform: needs (what burns) and talents (what the neighbourhood offers)."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cafe.extensions import db
from cafe.models import created_at, utcnow

CARD_TYPES = ("need", "talent")
# pending: waiting for approval (pre-moderation); merged: folded into merged_into_id.
CARD_STATUSES = ("pending", "visible", "hidden", "merged")
ENTERED_BY = ("participant", "facilitator", "assisted")


class Theme(db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = created_at()


class Card(db.Model):
    __tablename__ = "cards"
    __table_args__ = (
        # A vote's stamp of its board and the cards changed since it last read them
        # (vote/queries.py), and the board's counts per status (queries.count_by): read from the
        # index, not the wall.
        Index("ix_cards_activity_updated", "activity_id", "updated_at"),
        Index("ix_cards_activity_status", "activity_id", "status"),
        # A participant's own cards on a board (the limit checked per card posted, their list):
        # with an index on activity_id and one on participant_id, SQLite may pick the first
        # and read the whole wall (issue 31).
        Index("ix_cards_activity_participant", "activity_id", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(16), default="need")
    text: Mapped[str] = mapped_column(Text)
    # The participant's own words, kept when a facilitator edits the card.
    original_text: Mapped[str | None] = mapped_column(Text)
    building_block: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="visible")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("cards.id", ondelete="SET NULL"), index=True
    )
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    entered_by: Mapped[str] = mapped_column(String(16), default="participant")
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    theme: Mapped[Theme | None] = relationship()
