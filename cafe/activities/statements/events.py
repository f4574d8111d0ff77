"""Socket events of a statements activity: vote and add from phones; add and moderate from
the console."""

from typing import Literal

from pydantic import Field

from cafe.activities.statements import kind, services
from cafe.activities.statements.views import private_view
from cafe.core import Outcome
from cafe.live.handlers import EventPayload, handle


class StatementVotePayload(EventPayload):
    activity: int = Field(ge=1)
    statement: int = Field(ge=1)
    vote: Literal["agree", "disagree", "pass"]


class StatementAdd(EventPayload):
    activity: int = Field(ge=1)
    text: str = Field(max_length=2000)


class StatementModerate(EventPayload):
    activity: int = Field(ge=1)
    statement: int = Field(ge=1)
    action: Literal["approve", "hide", "show"]


@handle("statements:vote", StatementVotePayload, views=("phone",), replays_at_commit=True)
def vote(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    changes = services.vote(activity, conn.participant_id, payload.statement, payload.vote)
    return Outcome(result={"mine": private_view(activity, conn.participant_id)},
                   changes=changes)


@handle("statements:add", StatementAdd, views=("phone", "console"))
def add(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    who = conn.participant_id if conn.view == "phone" else None
    changes = services.add(activity, who, payload.text)
    result = {"mine": private_view(activity, who)} if who is not None else {}
    return Outcome(result=result, changes=changes)


@handle("statements:moderate", StatementModerate, views=("console",))
def moderate(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    return Outcome(changes=services.moderate(activity, payload.statement, payload.action))
