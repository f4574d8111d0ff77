"""A Policy Delphi study: panels of panelists answer statements over rounds, anonymously."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cafe.extensions import db
from cafe.models import created_at, utcnow

DEFAULT_SCALES = ["desirability", "feasibility", "importance"]


class Study(db.Model):
    __tablename__ = "delphi_studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    scales: Mapped[list] = mapped_column(JSON, default=lambda: list(DEFAULT_SCALES))
    rules: Mapped[dict] = mapped_column(JSON, default=dict)
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = created_at()

    panels: Mapped[list["Panel"]] = relationship(
        order_by="Panel.id", cascade="all, delete-orphan", passive_deletes=True
    )
    statements: Mapped[list["Statement"]] = relationship(
        order_by="Statement.position", cascade="all, delete-orphan", passive_deletes=True
    )
    rounds: Mapped[list["Round"]] = relationship(
        order_by="Round.number", cascade="all, delete-orphan", passive_deletes=True
    )


class Panel(db.Model):
    __tablename__ = "delphi_panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))


class Panelist(db.Model):
    __tablename__ = "delphi_panelists"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    panel_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_panels.id", ondelete="CASCADE"), index=True
    )
    # Kept in clear so the facilitator can print and mail-merge the links; only the study's
    # owner ever sees it, and no export of results carries it.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    language: Mapped[str] = mapped_column(String(8), default="nl")

    panel: Mapped[Panel] = relationship()


class Statement(db.Model):
    __tablename__ = "delphi_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Round(db.Model):
    __tablename__ = "delphi_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    synthesis: Mapped[str] = mapped_column(Text, default="")


class Answer(db.Model):
    __tablename__ = "delphi_answers"
    __table_args__ = (UniqueConstraint("round_id", "panelist_id", "statement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_rounds.id", ondelete="CASCADE"), index=True
    )
    panelist_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_panelists.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_statements.id", ondelete="CASCADE"), index=True
    )
    ratings: Mapped[dict] = mapped_column(JSON, default=dict)
    no_opinion: Mapped[bool] = mapped_column(Boolean, default=False)
    argument: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Submission(db.Model):
    """Client ids of saved answers, so a resent form is recognised and not applied again."""

    __tablename__ = "delphi_submissions"
    __table_args__ = (UniqueConstraint("panelist_id", "cid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    panelist_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_panelists.id", ondelete="CASCADE"), index=True
    )
    cid: Mapped[str] = mapped_column(String(64))
