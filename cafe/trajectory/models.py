"""A neighbourhood's trajectory: actions that answer what residents chose, the indicators the
community chose with their values over time, the dated updates between them, the public page
and a log of who changed what (facilitators only: no resident is ever named here)."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, delete, event
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at
from cafe.sessions.models import CafeSession


class Action(db.Model):
    __tablename__ = "trajectory_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    # The priority (or harvest, canvas activity, consensus) it answers, in residents' words.
    answers: Mapped[str] = mapped_column(Text, default="")
    # An organisation or a role, never a resident's name.
    carrier: Mapped[str] = mapped_column(String(200), default="")
    building_block: Mapped[str | None] = mapped_column(String(32))
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    reason: Mapped[str] = mapped_column(Text, default="")
    # Provenance: the finding it came from (the finding keeps session, activity and date) and a
    # copy of its key and label, so deleting the finding leaves the provenance readable.
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), index=True
    )
    source_key: Mapped[str] = mapped_column(String(120), default="")
    source_kind: Mapped[str] = mapped_column(String(32), default="manual")
    source_label: Mapped[str] = mapped_column(String(300), default="")
    created_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class Indicator(db.Model):
    __tablename__ = "trajectory_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    # up: more is better; down: less is better.
    direction: Mapped[str] = mapped_column(String(8), default="up")
    baseline: Mapped[float] = mapped_column(Float)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    target: Mapped[float | None] = mapped_column(Float)
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), index=True
    )
    source_key: Mapped[str] = mapped_column(String(120), default="")
    source_label: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = created_at()


class IndicatorValue(db.Model):
    __tablename__ = "trajectory_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("trajectory_indicators.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    # figure | count | survey | room (a rating or vote asked at a café)
    kind: Mapped[str] = mapped_column(String(16), default="figure")
    source: Mapped[str] = mapped_column(String(300), default="")
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    activity_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at()


class Update(db.Model):
    """A dated line of the trajectory: an action's status change or short update, a look-back's
    rating of an action, or what a look-back said to adapt (no action)."""

    __tablename__ = "trajectory_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("trajectory_actions.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    # status | note | rating | adapt
    kind: Mapped[str] = mapped_column(String(16), default="note")
    status: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    # Numbers that go with a look-back rating (mean, n); never who gave them.
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = created_at()


class PublicPage(db.Model):
    """The opt-in "you said, we did" page: off until the facilitator publishes it; its address
    holds a random key, so unpublished neighbourhoods cannot be found by counting."""

    __tablename__ = "trajectory_pages"

    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(32), unique=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    # The end of the last progress report's period: "since the last report" starts the day after.
    reported_until: Mapped[date | None] = mapped_column(Date)


class LogLine(db.Model):
    """Who (a facilitator) changed what in the trajectory, and when."""

    __tablename__ = "trajectory_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at()


@event.listens_for(CafeSession, "before_delete")
def _forget_the_rooms_words(_mapper, connection, session) -> None:
    """What a look-back's room wrote to adapt is participants' words: it goes with its session
    (by the facilitator or by retention), as findings do. Ratings are anonymous numbers and
    stay, their session link set to NULL by the foreign key."""
    connection.execute(delete(Update).where(Update.session_id == session.id,
                                            Update.kind == "adapt"))
