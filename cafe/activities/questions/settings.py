"""What a plan's `[activity.settings]` may say about questions from the room."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class QuestionsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # pre: a question waits for the facilitator's approval before anyone else sees it.
    moderation: Literal["post", "pre"] = "post"
    max_length: int = Field(default=200, ge=20, le=1000)
    # People may sign a question with a name; anonymous stays the default on the phone.
    allow_names: bool = True
    # How phones list the questions at first (each phone can switch).
    sort: Literal["votes", "newest"] = "votes"
    max_questions_per_participant: int = Field(default=10, ge=1, le=100)
