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
                                            title=_l("Statements, one per line"),
        description=_l("Short sentences people agree or disagree with, one per line."),
        json_schema_extra={"glossary": "opinion-groups"})
    # Seed on opening from a board's cards, a World Café's harvest or a Delphi study.
    seed: Literal["none", "board", "worldcafe", "delphi"] = Field(
        default="none", title=_l("Also take statements from"),
        description=_l(
            "Also take statements from what the room already wrote: a board's cards, a "
            "World Café's harvest or a Delphi study."),
        json_schema_extra={"glossary": "harvest",
                           "options": {"none": _l("Nowhere else"),
                                       "board": _l("The cards of a board"),
                                       "worldcafe": _l("A World Café's harvest"),
                                       "delphi": _l("A Delphi study (its number)")}})
    # The board or World Café: its place in the agenda counted from 1; left out: the nearest
    # one before this activity. For "delphi": the study's id.
    source: int | None = Field(
        default=None, ge=1,
        title=_l("Take them from (a place in the agenda or a Delphi study's number)"),
        description=_l(
            "The board's or World Café's place in the agenda (1 is the first activity), or "
            "the Delphi study's number. Empty: the nearest one before this activity."),
        json_schema_extra={"when": {"seed": ["board", "worldcafe", "delphi"]}})
    seed_limit: int = Field(default=30, ge=1, le=200,
                            title=_l("How many statements to take from there at most"),
        description=_l("At most this many statements are taken from there."),
        json_schema_extra={"when": {"seed": ["board", "worldcafe", "delphi"]}})
    allow_new: bool = Field(default=True, title=_l("People can add statements"),
        description=_l(
            "People can write a statement of their own; the others then vote on it too."))
    premoderation: bool = Field(default=False,
                                title=_l("Approve new statements before they are shown"),
        description=_l("A statement someone writes waits on your console until you approve it."),
        json_schema_extra={"when": {"allow_new": [True]}})
    max_length: int = Field(default=140, ge=20, le=300,
                            title=_l("Characters per statement at most"),
        description=_l("How long a statement people write may be."),
        json_schema_extra={"when": {"allow_new": [True]}})
    # Phones may see "you are in group B" and what B thinks.
    show_group_on_phones: bool = Field(
        default=True, title=_l("Phones show the person's opinion group and what it thinks"),
        description=_l(
            "Once enough people voted, people who vote alike form groups; each phone can "
            "show its own group and what that group thinks."),
        json_schema_extra={"glossary": "opinion-groups"})
