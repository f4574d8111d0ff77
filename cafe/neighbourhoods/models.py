"""A neighbourhood ("buurt") and its analysis: what sessions and Delphi studies feed into."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cafe.extensions import db
from cafe.models import created_at

# What a finding says. The first three are the qualitative analysis proper; the others arrive
# from sessions and Delphi studies.
FINDING_SECTIONS = (
    "experience", "need", "talent", "priority", "harvest", "idea", "question", "canvas",
    "consensus", "dissent", "undecided", "policy", "participation",
)
# Sections a facilitator may write by hand on the analysis page.
MANUAL_SECTIONS = ("experience", "need", "talent", "policy", "question")
STAKEHOLDER_LEVELS = ("inform", "consult", "co-create", "co-decide")


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
    # Kept as text: statistics sites mix numbers with "n.v.t.", "<5" and ranges.
    value: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int | None] = mapped_column(Integer)


class Finding(db.Model):
    """A qualitative finding, with where it came from: session (or Delphi study), date,
    activity and the kind of activity."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("neighbourhood_id", "source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    # Numbers that go with the text: vote counts, Delphi statistics, canvas field… (no names).
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    building_block: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Stable identity of the source ("s3:a7:card12", "d2:st5", "m…" for written by hand), so
    # exporting the same session twice updates, never duplicates.
    source_key: Mapped[str] = mapped_column(String(120))
    # board | vote | worldcafe | canvas | delphi | manual
    source_kind: Mapped[str] = mapped_column(String(32), default="manual")
    source_label: Mapped[str] = mapped_column(String(300), default="")
    source_date: Mapped[date | None] = mapped_column(Date)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    # Plain ids: the activity or study may be deleted later, the provenance text stays.
    activity_id: Mapped[int | None] = mapped_column(Integer)
    activity_title: Mapped[str] = mapped_column(String(200), default="")
    study_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at()


class Stakeholder(db.Model):
    __tablename__ = "stakeholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighbourhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    # What kind of actor: local government, care organisation, residents' association…
    type: Mapped[str] = mapped_column(String(120), default="")
    level: Mapped[str] = mapped_column(String(16), default="inform")
