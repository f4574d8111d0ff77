"""What a plan's `[activity.settings]` may say about a prioritisation vote."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class VoteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # dot: N dots each; rank: a top K (Borda and first choices); rate: importance and urgency 1–5.
    method: Literal["dot", "rank", "rate"] = "dot"
    # The board voted on: its place in the agenda counted from 1 as people read a plan.
    # Left out: the nearest board activity before this vote.
    source: int | None = Field(default=None, ge=1, le=500)
    target: Literal["cards", "themes"] = "cards"
    dots: int = Field(default=5, ge=1, le=50)
    # 1: one dot per item at most; more lets people stack dots on what matters most to them.
    max_dots_per_item: int = Field(default=1, ge=1, le=50)
    rank_k: int = Field(default=3, ge=1, le=20)
    # on_reveal: projector and phones see the results only once the facilitator reveals them.
    reveal: Literal["live", "on_reveal"] = "live"

    @model_validator(mode="after")
    def _stacking_within_budget(self):
        if self.max_dots_per_item > self.dots:
            raise ValueError("max_dots_per_item cannot be more than dots")
        return self

    @property
    def item_target(self) -> str:
        """How a ballot names its item: "card" or "theme"."""
        return self.target[:-1]
