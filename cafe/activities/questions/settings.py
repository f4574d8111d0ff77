"""What a plan's `[activity.settings]` may say about questions from the room; the field titles
and option labels are the editor's."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.registry import KindSettings


class QuestionsSettings(KindSettings):
    # pre: a question waits for the facilitator's approval before anyone else sees it.
    moderation: Literal["post", "pre"] = Field(
        default="post", title=_l("Moderation"),
        description=_l(
            "Questions show at once and you hide what does not belong, or each question "
            "waits until you approve it."),
        json_schema_extra={"options": {
            "post": _l("Questions show at once; the facilitator can hide them"),
            "pre": _l("Questions wait for the facilitator's approval")}})
    max_length: int = Field(default=200, ge=20, le=1000,
                            title=_l("Characters per contribution at most"),
        description=_l(
            "How long one question may be; short questions read better on the big screen."))
    # People may sign a question with a name; anonymous stays the default on the phone.
    allow_names: bool = Field(default=True,
                              title=_l("People may add their name to a question"),
        description=_l("Questions are anonymous unless the person chooses to add their name."))
    # How phones list the questions at first (each phone can switch).
    sort: Literal["votes", "newest"] = Field(
        default="votes", title=_l("Phones list the questions"),
        description=_l("The order phones show first; each person can switch it on their phone."),
        json_schema_extra={"options": {"votes": _l("Most upvoted first"),
                                       "newest": _l("Newest first")}})
    max_questions_per_participant: int = Field(default=10, ge=1, le=100,
                                               title=_l("Questions per person at most"),
        description=_l("How many questions one person can ask in this activity."))
