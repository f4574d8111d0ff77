"""Socket events of a prioritisation vote: cast, withdraw, and the console's reveal controls."""

from typing import Annotated

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.vote import kind, queries, services
from cafe.core import Outcome, Refusal
from cafe.live.handlers import EventPayload, handle

ItemId = Annotated[int, Field(ge=1)]


class VoteCast(EventPayload):
    """One event for the three methods; the vote's own method says which fields it needs.

    dot: `allocation` {item id: dots} is the participant's whole allocation, replacing the
    earlier one, so a resent or repeated event can never add dots twice. rank: `ranking`, item
    ids best first. rate: `item` with `importance` and `urgency` from 1 to 5.
    """

    activity: int = Field(ge=1)
    allocation: dict[ItemId, Annotated[int, Field(ge=0, le=50)]] | None = Field(
        default=None, max_length=500
    )
    ranking: list[ItemId] | None = Field(default=None, max_length=50)
    item: ItemId | None = None
    importance: int | None = Field(default=None, ge=1, le=5)
    urgency: int | None = Field(default=None, ge=1, le=5)


class VoteClear(EventPayload):
    activity: int = Field(ge=1)
    item: ItemId | None = None


class VoteCommand(EventPayload):
    activity: int = Field(ge=1)


class VoteRole(EventPayload):
    activity: int = Field(ge=1)
    role: str | None = Field(default=None, max_length=32)


def _entered_by(conn) -> str:
    return "assisted" if conn.assisted_by else "participant"


def _missing(field: str) -> Refusal:
    return Refusal("invalid", _l("Something is missing: %(field)s.", field=field), field=field)


@handle("vote:cast", VoteCast, views=("phone",), replays_at_commit=True)
def cast(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    method = kind.settings(activity).method
    who = conn.participant_id
    board = queries.load_board(activity)
    if method == "dot":
        if payload.allocation is None:
            raise _missing("allocation")
        changes, mine = services.cast_dots(activity, who, payload.allocation,
                                           _entered_by(conn), board)
    elif method == "rank":
        if payload.ranking is None:
            raise _missing("ranking")
        changes, mine = services.cast_ranking(activity, who, payload.ranking,
                                              _entered_by(conn), board)
    else:
        for name in ("item", "importance", "urgency"):
            if getattr(payload, name) is None:
                raise _missing(name)
        changes, mine = services.cast_rating(activity, who, payload.item, payload.importance,
                                             payload.urgency, _entered_by(conn), board)
    return Outcome(result={"mine": mine}, changes=changes)


@handle("vote:clear", VoteClear, views=("phone",))
def clear(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    changes = services.clear(activity, conn.participant_id, payload.item)
    return Outcome(result={"mine": queries.own_votes(activity, conn.participant_id)},
                   changes=changes)


@handle("vote:reveal", VoteCommand, views=("console",))
def reveal(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    return Outcome(changes=services.set_display(activity, revealed=True))


@handle("vote:hide_results", VoteCommand, views=("console",))
def hide_results(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    return Outcome(changes=services.set_display(activity, revealed=False))


@handle("vote:show_role", VoteRole, views=("console",))
def show_role(conn, payload):
    """Which stakeholder role's results the projector shows (none: everybody)."""
    activity = kind.get(conn.session_id, payload.activity)
    return Outcome(changes=services.set_display(activity, role=payload.role or None))
