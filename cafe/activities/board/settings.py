"""What a plan's `[activity.settings]` may say about a board of cards."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

CardType = Literal["need", "talent"]


class BoardSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Which cards people can post: the seeds ask for needs *and* talents.
    card_types: list[CardType] = Field(default=["need", "talent"], min_length=1, max_length=2)
    # Cards wait for the facilitator's approval before the projector shows them.
    premoderation: bool = False
    max_cards_per_participant: int = Field(default=20, ge=1, le=200)
    max_length: int = Field(default=280, ge=20, le=1000)
    # Let people tag a card with one of the eight building blocks of a caring neighbourhood.
    show_building_blocks: bool = True
    wordcloud: bool = True
    # What the projector shows: the wall of cards or the word cloud (the console switches).
    display: Literal["wall", "cloud"] = "wall"

    @field_validator("card_types")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("card_types must not repeat a type")
        return value
