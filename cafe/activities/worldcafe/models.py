"""World Café: tables with a host, rounds with a question and a stored timer, who sits where in
each round, and each table's harvest."""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at

# pending: allocated, not started; running: the timer counts down to ends_at; paused: the timer
# keeps `remaining` seconds; ended: over (ends_at is when it ended).
ROUND_STATUSES = ("pending", "running", "paused", "ended")
CATEGORIES = ("insight", "question", "idea")


class CafeTable(db.Model):
    __tablename__ = "cafe_tables"
    __table_args__ = (UniqueConstraint("activity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1…n, the order of the settings
    name: Mapped[str | None] = mapped_column(String(60))
    # The host stays at this table every round.
    host_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )


class CafeRound(db.Model):
    __tablename__ = "cafe_rounds"
    __table_args__ = (UniqueConstraint("activity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1-based, as in the settings
    status: Mapped[str] = mapped_column(String(16), default="pending")
    minutes: Mapped[int] = mapped_column(Integer)
    # The timer lives here, never in a server's memory: a restart or another process sees it.
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    remaining: Mapped[int | None] = mapped_column(Integer)  # seconds left while paused
    seed: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = created_at()


class Seat(db.Model):
    """Who sits at which table in one round."""

    __tablename__ = "cafe_seats"
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("cafe_rounds.id", ondelete="CASCADE"), index=True
    )
    table_id: Mapped[int] = mapped_column(
        ForeignKey("cafe_tables.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    late: Mapped[bool] = mapped_column(Boolean, default=False)


class Departure(db.Model):
    """Someone who left the café: not seated in later rounds unless they come back."""

    __tablename__ = "cafe_departures"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = created_at()


class HarvestTheme(db.Model):
    """A theme the facilitator groups the tables' insights into at the plenary harvest."""

    __tablename__ = "cafe_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class HarvestItem(db.Model):
    __tablename__ = "cafe_harvest"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    table_id: Mapped[int] = mapped_column(
        ForeignKey("cafe_tables.id", ondelete="CASCADE"), index=True
    )
    round_number: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    # The writer (a host, anyone at the table, or None: the facilitator).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    # What someone without a phone said, written down for them.
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("cafe_themes.id", ondelete="SET NULL")
    )
    # The board card this insight became when sent to prioritisation (no FK: boards are
    # another kind, and a deleted card must not take the harvest with it).
    card_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at()
