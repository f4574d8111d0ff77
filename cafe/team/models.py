from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cafe.auth.models import Facilitator
from cafe.extensions import db
from cafe.models import created_at

MEMBER_ROLES = ("cofacilitator", "moderator")


class SessionMember(db.Model):
    """A facilitator who helps run someone else's session, as co-facilitator or moderator."""

    __tablename__ = "session_members"
    __table_args__ = (UniqueConstraint("session_id", "facilitator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = created_at()

    facilitator: Mapped[Facilitator] = relationship()


class ConsoleAction(db.Model):
    """One line of a session's action log: who did what in the console, when."""

    __tablename__ = "console_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    # The name is kept as written then: the log still reads right after an account is removed.
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    username: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at()


class Invitation(db.Model):
    """A single-use link with which a new facilitator sets their own password."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Only the token's SHA-256 is stored: a copy of the database cannot be used to sign up.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A link sent to the wrong person is withdrawn rather than deleted: its page can then say so
    # (not "expired"), and who withdrew it when stays on record.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = created_at()
    # An invitation to one session's team (by its owner) names the session and the role; the
    # person accepts it with a new account or by logging in to theirs.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(254), default="")
    # The link of a team invitation is an HMAC of this salt under the app's secret key: the
    # outbox can write the e-mail later, and a copy of the database alone still makes no link.
    link_salt: Mapped[str | None] = mapped_column(String(32))
    joined_by: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )

    inviter: Mapped[Facilitator | None] = relationship(foreign_keys=[created_by])
    joiner: Mapped[Facilitator | None] = relationship(foreign_keys=[joined_by])
    session = relationship("CafeSession")
