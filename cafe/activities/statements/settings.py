"""What a plan's `[activity.settings]` may say about a statements activity."""

from typing import Annotated, Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, StringConstraints

from cafe.activities.registry import KindSettings

StatementText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                                 max_length=300)]


class StatementsSettings(KindSettings):
    # Statements the plan brings; more come from the seed source and from participants.
    statements: list[StatementText] = Field(default_factory=list, max_length=200,
                                            title=_l("Statements, one per line"))
    # Seed on opening from a board's cards, a World Café's harvest or a Delphi study.
    seed: Literal["none", "board", "worldcafe", "delphi"] = Field(
        default="none", title=_l("Also take statements from"),
        json_schema_extra={"options": {"none": _l("Nowhere else"),
                                       "board": _l("The cards of a board"),
                                       "worldcafe": _l("A World Café's harvest"),
                                       "delphi": _l("A Delphi study (its number)")}})
    # The board or World Café: its place in the agenda counted from 1; left out: the nearest
    # one before this activity. For "delphi": the study's id.
    source: int | None = Field(
        default=None, ge=1,
        # The editor's words for a vote's source, kept as they were (translated alike).
        title=_l("Board voted on (its place in the agenda; empty: the nearest board before)"))
    seed_limit: int = Field(default=30, ge=1, le=200,
                            title=_l("How many statements to take from there at most"))
    allow_new: bool = Field(default=True, title=_l("People can add statements"))
    premoderation: bool = Field(default=False,
                                title=_l("Approve cards before the projector shows them"))
    max_length: int = Field(default=140, ge=20, le=300,
                            title=_l("Characters per contribution at most"))
    # Phones may see "you are in group B" and what B thinks.
    show_group_on_phones: bool = Field(
        default=True, title=_l("Phones show the person's opinion group and what it thinks"))
