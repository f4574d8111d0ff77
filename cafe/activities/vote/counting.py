"""What a ballot's updates need, counted by the database (issue 31).

After every ballot the screens get the rows of the items it touched and the voters, the phones
their leading rows. Reading every ballot of the vote into Python for that made each ballot
cost more than the one before: an evening's vote gathers thousands of entries. Here the
database counts the voters (by role) and sums the entries per item, and Python reads only the
entries of the few items a ballot touched or that cards were merged into: a row per voter or
per item, never a row per ballot of the vote.
"""

from collections import Counter

from sqlalchemy import and_, bindparam, case, func, select

from cafe.activities.vote.models import Vote
from cafe.activities.vote.queries import BALLOTS
from cafe.activities.vote.settings import VoteSettings
from cafe.activities.vote.source import Board
from cafe.domain import tally
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity

_OF_VOTE = Vote.activity_id == bindparam("vote")
# The ids voted on: few (one per card voted on), read from the index of the vote's entries.
_VOTED_ITEMS = select(Vote.item_id).where(_OF_VOTE).distinct()
# Who voted on something that still counts (`left_out`: ids of hidden, pending or withdrawn
# cards), by role: the distinct voters first, then one look-up of each one's role.
_VOTER_IDS = (
    select(Vote.participant_id.label("voter"))
    .where(_OF_VOTE, Vote.item_id.not_in(bindparam("left_out", expanding=True)))
    .distinct()
    .subquery()
)
_VOTERS = (
    select(Participant.role, func.count())
    .select_from(_VOTER_IDS)
    .join(Participant, Participant.id == _VOTER_IDS.c.voter)
    .group_by(Participant.role)
)
_ENTRIES = BALLOTS.where(Vote.item_id.in_(bindparam("items", expanding=True)))
# Per item: the voters who gave it something and the sums (tally.Totals). A voter has one entry
# per item (the unique constraint), so these are tally()'s numbers for every item no card was
# merged into.
_GIVEN_DOTS = Vote.dots > 0
_RATED = and_(Vote.importance.is_not(None), Vote.urgency.is_not(None))


def _per_item(*sums):
    return select(Vote.item_id, *sums).where(_OF_VOTE).group_by(Vote.item_id)


_TOTALS = {
    "dot": _per_item(func.count(case((_GIVEN_DOTS, 1))),
                     func.coalesce(func.sum(case((_GIVEN_DOTS, Vote.dots))), 0)),
    "rate": _per_item(func.count(case((_RATED, 1))),
                      func.coalesce(func.sum(case((_RATED, Vote.importance))), 0),
                      func.coalesce(func.sum(case((_RATED, Vote.urgency))), 0)),
}
_MEDIANS = ("importance_median", "urgency_median")


def _read(statement, **params):
    return db.session.connection().execute(statement, params)


def voters_by_role(activity: Activity, board: Board) -> dict[str, int]:
    """The voters of the vote by role, as tally() counts them: everybody with an entry on an
    item that is still votable (or on a card merged into one)."""
    left_out = [item for (item,) in _read(_VOTED_ITEMS, vote=activity.id)
                if board.resolve(item) not in board.ids]
    counted: Counter = Counter()
    for role, n in _read(_VOTERS, vote=activity.id, left_out=left_out):
        counted[role or tally.UNSPECIFIED] += n
    return dict(sorted(counted.items()))


def entries_of(activity: Activity, item_ids) -> list[tally.Ballot]:
    """The entries on these ids only."""
    return list(map(tally.Ballot._make, _read(_ENTRIES, vote=activity.id, items=list(item_ids))))


def rows_of(activity: Activity, ids, board: Board) -> dict:
    """The rows of these items (those a ballot changed), in total and per role, and the
    vote's voters (see tally.rows_of)."""
    items = [board.item(i) for i in sorted(set(ids) & board.ids, key=board.position.get)]
    cast = entries_of(activity, board.counting_for(item.id for item in items)) if items else []
    return tally.rows_of(VoteSettings.of(activity).method, items, cast, board.ids,
                         board.merged_into, voters_by_role(activity, board))


def leading(activity: Activity, limit: int, board: Board) -> dict:
    """The first `limit` rows of the total ranking and the voters (what phones show): items
    from their sums, the few that cards were merged into from their entries."""
    method = VoteSettings.of(activity).method
    totals = {row[0]: tally.Totals(*row[1:]) for row in _read(_TOTALS[method], vote=activity.id)}
    merged = {board.resolve(i) for i in totals if i in board.merged_into} & board.ids
    summed = [board.item(i) for i in totals if i in board.ids and i not in merged]
    rows = tally.rows_from_totals(method, summed, totals)
    if merged:
        items = [board.item(i) for i in merged]
        exact = tally.rows_of(method, items, entries_of(activity, board.counting_for(merged)),
                              board.ids, board.merged_into, {})["ranking"]
        # The same keys as the summed rows (no medians), whichever way a row was counted.
        rows += [{k: v for k, v in row.items() if k not in _MEDIANS} for row in exact]
    rows.sort(key=lambda row: board.position[row["id"]])
    voted = {row["id"] for row in rows}
    unvoted = (board.item(i["id"]) for i in board.items if i["id"] not in voted)
    by_role = voters_by_role(activity, board)
    return {"voters": sum(by_role.values()),
            "ranking": tally.top_rows(method, rows, unvoted, board.ids, limit)}
