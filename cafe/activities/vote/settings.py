"""What a plan's `[activity.settings]` may say about a prioritisation vote."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field, model_validator

from cafe.activities.registry import KindSettings


class VoteSettings(KindSettings):
    # dot: N dots each; rank: a top K (Borda and first choices); rate: importance and urgency 1–5.
    method: Literal["dot", "rank", "rate"] = Field(
        default="dot", title=_l("Voting method"),
        description=_l(
            "Dots: everyone spreads a few dots. Ranking: everyone puts their top items in "
            "order. Rating: everyone scores each item for importance and urgency."),
        json_schema_extra={"glossary": "dot-voting",
                           "options": {"dot": _l("Dots"), "rank": _l("Ranking"),
                                       "rate": _l("Importance and urgency (1–5)")}})
    # The board voted on: its place in the agenda counted from 1 as people read a plan.
    # Left out: the nearest board activity before this vote.
    source: int | None = Field(
        default=None, ge=1, le=500,
        title=_l("Board voted on (its place in the agenda; empty: the nearest board before)"),
        description=_l(
            "The board voted on: its place in the agenda (1 is the first activity). Empty: "
            "the nearest board before this vote."))
    target: Literal["cards", "themes"] = Field(
        default="cards", title=_l("Vote on"),
        description=_l("Vote on the cards themselves, or on the themes you grouped them into."),
        json_schema_extra={"options": {"cards": _l("Cards"), "themes": _l("Themes")}})
    dots: int = Field(default=5, ge=1, le=50, title=_l("Dots per person"),
        description=_l("How many dots each person has."),
        json_schema_extra={"when": {"method": ["dot"]}})
    # 1: one dot per item at most; more lets people stack dots on what matters most to them.
    max_dots_per_item: int = Field(default=1, ge=1, le=50,
                                   title=_l("Dots on one item at most"),
        description=_l("How many of their dots one person may put on the same item."),
        json_schema_extra={"when": {"method": ["dot"]}})
    rank_k: int = Field(default=3, ge=1, le=20, title=_l("How many items people rank"),
        description=_l("How many items each person puts in order."),
        json_schema_extra={"when": {"method": ["rank"]}})
    # on_reveal: projector and phones see the results only once the facilitator reveals them.
    reveal: Literal["live", "on_reveal"] = Field(
        default="live", title=_l("Results"),
        description=_l(
            "Show the results while people vote, or only when you reveal them, so nobody "
            "follows the crowd."),
        json_schema_extra={"options": {"live": _l("Shown live"),
                                       "on_reveal": _l("Shown when I reveal them")}})

    @model_validator(mode="after")
    def _stacking_within_budget(self):
        if self.max_dots_per_item > self.dots:
            raise ValueError("max_dots_per_item cannot be more than dots")
        return self

    @property
    def item_target(self) -> str:
        """How a ballot names its item: "card" or "theme"."""
        return self.target[:-1]
