"""What a plan's `[activity.settings]` may say about a canvas."""

from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cafe.activities.canvas import templates


class CanvasSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # File stem in sessions/canvases/.
    template: str = "theory-of-change"
    # One canvas for the room, one per World Café table, or one per named group.
    scope: Literal["room", "table", "groups"] = "room"
    # Names of the groups (scope "groups"), or of the tables when no World Café precedes.
    groups: list[str] = Field(default_factory=list, max_length=30)
    # How many tables when neither a World Café nor `groups` names them.
    tables: int = Field(default=4, ge=1, le=30)
    voting: bool = False
    votes_per_participant: int = Field(default=5, ge=1, le=50)
    # Seed the template's priorities field with the top priorities of the preceding vote.
    start_from_priorities: bool = False
    priorities: int = Field(default=3, ge=1, le=10)
    max_length: int = Field(default=140, ge=20, le=500)
    max_items_per_participant: int = Field(default=40, ge=1, le=200)

    @field_validator("template")
    @classmethod
    def _known(cls, value: str, info: ValidationInfo) -> str:
        """Checked when a plan is loaded; a session keeps working if the file goes later."""
        if not (info.context or {}).get("plan"):
            return value
        try:
            templates.get(value)
        except templates.TemplateError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("groups")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        names = [" ".join(name.split())[:80] for name in value]
        if any(not name for name in names) or len(set(names)) != len(names):
            raise ValueError("groups must be distinct, non-empty names")
        return names

    @model_validator(mode="after")
    def _groups_named(self):
        if self.scope == "groups" and not self.groups:
            raise ValueError('scope "groups" needs the names of the groups in `groups`')
        return self
