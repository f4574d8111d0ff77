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
    # The address the console was last reached at, for links in e-mails the scheduler sends
    # without a request to learn it from (PUBLIC_URL, when set, wins).
    link_base: Mapped[str] = mapped_column(String(200), default="")
    # The facilitator's e-mail choices: {"max_reminders": n, "texts": {kind: {language: text}}}
    # (cafe.delphi.mail_texts); empty means the product's own texts and 2 reminders a round.
    mail_settings: Mapped[dict | None] = mapped_column(JSON)

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
    # Set when the panelist withdrew from the study on their page: no e-mail goes to them.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    panel: Mapped[Panel] = relationship()


class Statement(db.Model):
    __tablename__ = "delphi_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    theme: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    # Versions in other languages, {lang: text}; `text` is the study's language.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)

    def texts(self, study_language: str) -> dict:
        return {**(self.translations or {}), study_language: self.text}


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
    # Policy Delphi practice: an argument is for or against the statement ("" untagged).
    stance: Mapped[str] = mapped_column(String(8), default="")
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


class Contact(db.Model):
    """A panelist's e-mail address, kept apart from the answers so no export or statistic
    reads it; deleted with the study, or earlier by the facilitator."""

    __tablename__ = "delphi_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    panelist_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_panelists.id", ondelete="CASCADE"), unique=True
    )
    email: Mapped[str] = mapped_column(String(254))
    # The name pasted with the address ("Éloïse Dupont-Müller <eloise@…>"), for the greeting.
    name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Set by the panelist's one-click stop link (or withdrawal): no message is sent any more,
    # and the address is kept so pasting the list again does not invite them anew.
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OutboxMessage(db.Model):
    """One e-mail to one panelist. Claimed, sent, then marked; `key` makes queueing the same
    message twice (two processes, a double click) a no-op, and `message_id` stays the same
    when a message is tried again, so the receiving side can recognise it."""

    __tablename__ = "delphi_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A Delphi message names its study and panelist; a team invitation (cafe.team.mail) goes
    # through the same queue, rate limit and SMTP connection, and names only its invitation.
    study_id: Mapped[int | None] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    panelist_id: Mapped[int | None] = mapped_column(
        ForeignKey("delphi_panelists.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="CASCADE"), index=True
    )
    # invitation | reminder | round_open | team_invitation
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(120), unique=True)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    # Where the personal link points: the address the facilitator's console was reached at
    # when the message was queued (PUBLIC_URL wins when set).
    base_url: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = created_at()


class ScheduledAction(db.Model):
    """A round opening or closing, or a reminder, at a set time; done once, by one process."""

    __tablename__ = "delphi_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[int] = mapped_column(
        ForeignKey("delphi_studies.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(12))  # open | close | remind
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(12), default="scheduled", index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str] = mapped_column(String(64), default="")
