"""What a plan's `[activity.settings]` may say about a canvas."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, ValidationInfo, field_validator, model_validator

from cafe.activities.canvas import templates
from cafe.activities.registry import KindSettings


class CanvasSettings(KindSettings):
    # File stem in sessions/canvases/.
    template: str = Field(default="theory-of-change", title=_l("Canvas template"),
        description=_l("The boxes people fill in, for example a theory of change or ICAMO."),
        json_schema_extra={"glossary": "theory-of-change"})
    # One canvas for the room, one per World Café table, or one per named group.
    scope: Literal["room", "table", "groups"] = Field(
        default="room", title=_l("Canvases"),
        description=_l("One canvas for everyone, one per table, or one per group you name."),
        json_schema_extra={"options": {"room": _l("One for the whole room"),
                                       "table": _l("One per table"),
                                       "groups": _l("One per named group")}})
    # Names of the groups (scope "groups"), or of the tables when no World Café precedes.
    groups: list[str] = Field(default_factory=list, max_length=30,
                              title=_l("Names of the groups, one per line"),
        description=_l("Each group named here fills in its own canvas."),
        json_schema_extra={"when": {"scope": ["groups"]}})
    # How many tables when neither a World Café nor `groups` names them.
    tables: int = Field(default=4, ge=1, le=30,
                        title=_l("Tables: a number, or their names one per line"),
        description=_l("How many tables, each filling in its own canvas."),
        json_schema_extra={"when": {"scope": ["table"]}})
    voting: bool = Field(default=False, title=_l("People can vote on the canvas items"),
        description=_l("People give votes to the items they find most important."))
    votes_per_participant: int = Field(default=5, ge=1, le=50, title=_l("Votes per person"),
        description=_l("How many votes each person gives."),
        json_schema_extra={"when": {"voting": [True]}})
    # Seed the template's priorities field with the top priorities of the preceding vote.
    start_from_priorities: bool = Field(
        default=False, title=_l("Start from the top priorities of the vote before it"),
        description=_l("The canvas starts with what came out on top in the vote just before it."))
    priorities: int = Field(default=3, ge=1, le=10, title=_l("How many priorities"),
        description=_l("How many of the vote's top items the canvas starts with."),
        json_schema_extra={"when": {"start_from_priorities": [True]}})
    max_length: int = Field(default=140, ge=20, le=500,
                            title=_l("Characters per contribution at most"),
        description=_l(
            "How long one contribution may be; short texts read better on the big screen."))
    max_items_per_participant: int = Field(default=40, ge=1, le=200,
                                           title=_l("Items per person at most"),
        description=_l("How many items one person can add to the canvas."))

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
