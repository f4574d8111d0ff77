"""What a plan's `[activity.settings]` may say about a statements activity."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

StatementText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2,
                                                 max_length=300)]


class StatementsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Statements the plan brings; more come from the seed source and from participants.
    statements: list[StatementText] = Field(default_factory=list, max_length=200)
    # Seed on opening from a board's cards, a World Café's harvest or a Delphi study.
    seed: Literal["none", "board", "worldcafe", "delphi"] = "none"
    # The board or World Café: its place in the agenda counted from 1; left out: the nearest
    # one before this activity. For "delphi": the study's id.
    source: int | None = Field(default=None, ge=1)
    seed_limit: int = Field(default=30, ge=1, le=200)
    allow_new: bool = True
    premoderation: bool = False
    max_length: int = Field(default=140, ge=20, le=300)
    # Phones may see "you are in group B" and what B thinks.
    show_group_on_phones: bool = True
