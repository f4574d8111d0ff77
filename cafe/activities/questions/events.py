"""Socket events of questions from the room: asking, upvoting and withdrawing from phones;
moderating, merging, marking answered and pinning from the console."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.questions import kind, services
from cafe.activities.questions.models import Question
from cafe.activities.questions.views import private_view
from cafe.core import Outcome, Refusal
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle

# Generous: the activity's own max_length (at most 1000) gives the precise, translated refusal.
_TEXT = Field(max_length=2000)


class QuestionAsk(EventPayload):
    activity: int = Field(ge=1)
    text: str = _TEXT
    name: str | None = Field(default=None, max_length=200)


class QuestionRef(EventPayload):
    activity: int = Field(ge=1)
    question: int = Field(ge=1)


class QuestionUpvote(QuestionRef):
    up: bool = True


class QuestionModerate(QuestionRef):
    action: Literal["approve", "hide", "show"]


class QuestionMerge(EventPayload):
    source: int = Field(ge=1)
    target: int = Field(ge=1)


class QuestionAnswered(QuestionRef):
    answered: bool = True


class QuestionPin(EventPayload):
    activity: int = Field(ge=1)
    question: int | None = Field(default=None, ge=1)


def _get_question(session_id: int, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.session_id != session_id:
        raise Refusal("not_found", _l("This question no longer exists."))
    return question


def _question(conn, payload) -> tuple:
    """The activity named and its question, only if both are in the client's session and the
    question belongs to that activity."""
    activity = kind.get(conn.session_id, payload.activity)
    question = _get_question(conn.session_id, payload.question)
    if question.activity_id != activity.id:
        raise Refusal("not_found", _l("This question no longer exists."))
    return activity, question


@handle("questions:ask", QuestionAsk, views=("phone", "console"))
def ask(conn, payload):
    """From a phone; from the console for an assisted participant (on_behalf) or as a question
    the facilitator enters (one heard in the room, a card handed in)."""
    activity = kind.get(conn.session_id, payload.activity)
    who = conn.participant_id if conn.view == "phone" else None
    # Pre-moderation holds back what phones send; what the console types is approved.
    approved = conn.view != "phone" or bool(conn.assisted_by)
    question, changes = services.ask(activity, who, payload.text, payload.name, approved)
    result = {"question": question.id, "status": question.status}
    if who is not None:
        result["mine"] = private_view(activity, who)
    return Outcome(result=result, changes=changes)


@handle("questions:withdraw", QuestionRef, views=("phone",))
def withdraw(conn, payload):
    activity, question = _question(conn, payload)
    changes = services.withdraw_question(question, conn.participant_id)
    return Outcome(result={"mine": private_view(activity, conn.participant_id)},
                   changes=changes)


@handle("questions:upvote", QuestionUpvote, views=("phone",), replays_at_commit=True)
def upvote(conn, payload):
    activity, question = _question(conn, payload)
    changes = services.upvote(activity, conn.participant_id, question, payload.up)
    return Outcome(result={"mine": private_view(activity, conn.participant_id)},
                   changes=changes)


@handle("questions:moderate", QuestionModerate, views=("console",))
def moderate(conn, payload):
    _activity, question = _question(conn, payload)
    return Outcome(changes=services.moderate(question, payload.action))


@handle("questions:merge", QuestionMerge, views=("console",))
def merge(conn, payload):
    source = _get_question(conn.session_id, payload.source)
    target = _get_question(conn.session_id, payload.target)
    return Outcome(result={"into": target.id}, changes=services.merge(source, target))


@handle("questions:answered", QuestionAnswered, views=("console",))
def answered(conn, payload):
    _activity, question = _question(conn, payload)
    return Outcome(changes=services.set_answered(question, payload.answered))


@handle("questions:pin", QuestionPin, views=("console",))
def pin(conn, payload):
    """Pin the question being answered (one at a time), or unpin (no question)."""
    if payload.question is None:
        return Outcome(changes=services.pin(kind.get(conn.session_id, payload.activity), None))
    activity, question = _question(conn, payload)
    return Outcome(changes=services.pin(activity, question))
