"""Reading a vote: the ballots, the tally and one's own entries (its items, the board it is
about: `source`, re-exported here for the vote's views and services).

These run for every vote a room casts and for every screen update, so they read plain rows
(not ORM objects) and keep what they computed for as long as the database says it holds.
"""

from typing import NamedTuple

from sqlalchemy import bindparam, func, select

from cafe.activities.vote.models import Vote, VoteDisplay
from cafe.activities.vote.settings import VoteSettings
from cafe.activities.vote.source import Board, load_board, source_board_id
from cafe.caches import caches
from cafe.domain import tally
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity

__all__ = ["Board", "load_board", "source_board_id"]  # and the functions below


_VOTES_STAMP = select(func.count(Vote.id), func.max(Vote.id), func.max(Vote.updated_at)).where(
    Vote.activity_id == bindparam("vote")
)
BALLOTS = (
    select(Vote.participant_id, Vote.item_id, Participant.role, Vote.dots, Vote.position,
           Vote.importance, Vote.urgency)
    .join(Participant, Participant.id == Vote.participant_id)
    .where(Vote.activity_id == bindparam("vote"))
)
_OWN = select(Vote.item_id, Vote.dots, Vote.position, Vote.importance, Vote.urgency).where(
    Vote.activity_id == bindparam("vote"), Vote.participant_id == bindparam("participant")
)


def _read(statement, **params):
    return db.session.connection().execute(statement, params)


def ballots(activity: Activity) -> list[tally.Ballot]:
    return list(map(tally.Ballot._make, _read(BALLOTS, vote=activity.id)))


# Results per vote, with what they were computed from, in the app's caches: the projector, the
# console and the phones all show the same tally after a vote, so it is computed once, not per
# view.


def results(activity: Activity, board: Board | None = None) -> dict:
    """The tally (treat as read-only: it may be shared with other callers)."""
    board = board or load_board(activity)
    conf = VoteSettings.of(activity)
    votes = tuple(_read(_VOTES_STAMP, vote=activity.id).one())
    items = board.stamp or tuple((item["id"], item["text"]) for item in board.items)
    key = (conf.method, conf.rank_k, board.target, board.source, votes, items)
    computed_before = caches().get("vote.results", 256)
    slot = activity.id
    cached = computed_before.get(slot)
    if cached is not None and cached[0] == key:
        return cached[1]
    counted = tally.tally(
        conf.method, board.tally_items(), ballots(activity), board.merged_into, k=conf.rank_k
    )
    computed = {"type": "vote", "method": conf.method, "target": conf.target, **counted}
    computed_before[slot] = (key, computed)
    return computed


def patchable(activity: Activity) -> bool:
    """Whether a ballot's change can go out as rows of the items it touched: dots and ratings
    of cards (a ranking renumbers each voter's places; themes are a handful: the whole view)."""
    conf = VoteSettings.of(activity)
    return conf.method in ("dot", "rate") and conf.target != "themes"


def display(activity: Activity) -> VoteDisplay:
    shown = db.session.get(VoteDisplay, activity.id)
    if shown is None:
        shown = VoteDisplay(activity_id=activity.id, revealed=False, role=None)
    return shown


def results_shown(activity: Activity) -> bool:
    return VoteSettings.of(activity).reveal == "live" or bool(display(activity).revealed)


class Entry(NamedTuple):
    """One of a participant's own ballot entries, as stored."""

    item_id: int
    dots: int = 0
    position: int | None = None
    importance: int | None = None
    urgency: int | None = None


def own_votes(activity: Activity, participant_id: int, board: Board | None = None,
              entries: list[Entry] | None = None) -> dict:
    """A participant's own entries, moved onto the cards they count for now. `entries`: all of
    them, when the caller has just written them (else they are read)."""
    board = board or load_board(activity)
    conf = VoteSettings.of(activity)
    allocation: dict[int, int] = {}
    positions: dict[int, int] = {}
    rated: dict[int, list] = {}
    votable = board.ids
    if entries is None:
        entries = _read(_OWN, vote=activity.id, participant=participant_id)
    for row in entries:
        item = board.resolve(row.item_id)
        if item not in votable:
            continue
        if row.dots:
            allocation[item] = allocation.get(item, 0) + row.dots
        if row.position is not None:
            positions[item] = min(row.position, positions.get(item, row.position))
        if row.importance is not None:
            rated.setdefault(item, []).append(row)
    used = sum(allocation.values())
    return {
        "allocation": allocation,
        "used": used,
        "remaining": max(conf.dots - used, 0),
        "ranking": sorted(positions, key=positions.get),
        "ratings": {
            item: {
                "importance": round(sum(r.importance for r in rs) / len(rs)),
                "urgency": round(sum(r.urgency for r in rs) / len(rs)),
            }
            for item, rs in rated.items()
        },
    }


def votes_on(board_activity: Activity) -> set[int]:
    """The votes whose items are this board's cards: to refresh when a card changes."""
    votes = db.session.scalars(
        select(Activity).where(
            Activity.session_id == board_activity.session_id, Activity.kind == "vote"
        )
    )
    return {v.id for v in votes if source_board_id(v) == board_activity.id}
