"""A neighbourhood ("buurt") and its analysis: what sessions and Delphi studies feed into."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at


class Neighbourhood(db.Model):
    __tablename__ = "neighbourhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at()


class Figure(db.Model):
    """A quantitative fact: inhabitants, density, share of over-80s, green space…"""

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer)


class Finding(db.Model):
    """A qualitative finding, with where it came from (session, date, activity)."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    # priority | need | talent | harvest | question | canvas | consensus | dissent |
    # undecided | participation | experience
    section: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    building_block: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Stable identity of the source, so exporting the same session twice updates, not duplicates.
    source_key: Mapped[str] = mapped_column(String(120))
    source_label: Mapped[str] = mapped_column(String(300), default="")
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = created_at()


STAKEHOLDER_LEVELS = ("inform", "consult", "co_create", "co_decide")


class Stakeholder(db.Model):
    __tablename__ = "stakeholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(120), default="")
    level: Mapped[str] = mapped_column(String(16), default="inform")
