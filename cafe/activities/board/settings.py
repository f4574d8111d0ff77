"""What a plan's `[activity.settings]` may say about a board of cards."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, field_validator

from cafe.activities.registry import KindSettings

CardType = Literal["need", "talent"]


class BoardSettings(KindSettings):
    # Which cards people can post: the seeds ask for needs *and* talents.
    card_types: list[CardType] = Field(
        default=["need", "talent"], min_length=1, max_length=2,
        title=_l("Kinds of cards people can post"),
        description=_l(
            "A need is a worry or a problem; a talent is something the neighbourhood is "
            "good at. Asking for both keeps the evening from becoming a list of complaints."),
        json_schema_extra={"glossary": "needs-and-talents",
                           "options": {"need": _l("Needs"), "talent": _l("Talents")}})
    # Cards wait for the facilitator's approval before the projector shows them.
    premoderation: bool = Field(default=False,
                                title=_l("Approve cards before the projector shows them"),
        description=_l(
            "You read each new card on the console and approve it before the big screen "
            "shows it."))
    max_cards_per_participant: int = Field(default=20, ge=1, le=200,
                                           title=_l("Cards per person at most"),
        description=_l("How many cards one person can post in this activity."))
    max_length: int = Field(default=280, ge=20, le=1000,
                            title=_l("Characters per contribution at most"),
        description=_l(
            "How long one contribution may be; short texts read better on the big screen."))
    # Let people tag a card with one of the eight building blocks of a caring neighbourhood.
    show_building_blocks: bool = Field(
        default=True, title=_l("Let people tag a building block of the caring neighbourhood"),
        description=_l(
            "People can mark their card with one of the building blocks of a caring "
            "neighbourhood."),
        json_schema_extra={"glossary": "building-blocks"})
    wordcloud: bool = Field(default=True, title=_l("Word cloud"),
        description=_l("The big screen can also show the words used most on the cards."))
    # What the projector shows: the wall of cards or the word cloud (the console switches).
    display: Literal["wall", "cloud"] = Field(
        default="wall", title=_l("The projector shows"),
        description=_l("What the big screen shows first: the cards themselves, or the word cloud."),
        json_schema_extra={"when": {"wordcloud": [True]},
                           "options": {"wall": _l("The wall of cards"),
                                       "cloud": _l("The word cloud")}})

    @field_validator("card_types")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("card_types must not repeat a type")
        return value
