from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cafe.domain.texts import language_of, localized
from cafe.extensions import db
from cafe.models import created_at

ACTIVITY_STATUSES = ("pending", "open", "closed")


class CafeSession(db.Model):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitators.id", ondelete="CASCADE"))
    plan_name: Mapped[str | None] = mapped_column(String(120))
    projector_key: Mapped[str] = mapped_column(String(64))
    current_activity_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "activities.id",
            use_alter=True,
            ondelete="SET NULL",

        )
    )
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    # The title's versions per content language, {"title": {"nl": .., "fr": ..}}, as on
    # activities; `title` holds the session language's version (lists, the console, the API).
    texts: Mapped[dict | None] = mapped_column(JSON)
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = created_at()

    activities: Mapped[list["Activity"]] = relationship(
        back_populates="session",
        order_by="Activity.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="Activity.session_id",
    )

    def text(self, name: str):
        """The title as the editor and plans know it: {language: version}, or a plain string."""
        versions = (self.texts or {}).get(name)
        return dict(versions) if versions else getattr(self, name)

    def title_in(self, language: str | None) -> str:
        """The title a reader of `language` sees: theirs, else the session language's."""
        return localized(self.text("title"), language, self.language)

    def title_language(self, language: str | None) -> str | None:
        """The language `title_in(language)` is written in (a fallback is marked with it)."""
        return language_of(self.text("title"), language, self.language)


class Activity(db.Model):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    prompt: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    # Versions per language of the facilitator's texts, {"title": {"nl": .., "fr": ..},
    # "prompt": {..}}; `title` and `prompt` hold the session language's version.
    texts: Mapped[dict | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    session: Mapped[CafeSession] = relationship(
        back_populates="activities", foreign_keys=[session_id]
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def text(self, name: str):
        """A text as the editor and plans know it: {language: version}, or a plain string."""
        versions = (self.texts or {}).get(name)
        return dict(versions) if versions else getattr(self, name)

    def language(self, name: str) -> str | None:
        """The language of the column `name` (`title`, `prompt`): the session's, unless the
        facilitator wrote no version in it and the column holds another."""
        return language_of(self.text(name), self.session.language, self.session.language)
