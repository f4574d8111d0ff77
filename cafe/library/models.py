from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cafe.auth.models import Facilitator
from cafe.extensions import db
from cafe.models import created_at


class SavedPlan(db.Model):
    """A plan in the library: a facilitator's own, or shared with every facilitator."""

    __tablename__ = "saved_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    # The plan as a plan file holds it (title, language, description, activity list): the same
    # schema checks it, and export writes it out as TOML.
    content: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at()

    owner: Mapped[Facilitator] = relationship()
