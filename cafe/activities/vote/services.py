"""Casting, withdrawing and tallying votes on a board's cards or themes. Never emits.

The cast_* functions return what changed and the voter's own votes as they now stand."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select

from cafe.activities.vote.models import Vote
from cafe.activities.vote.queries import Board, Entry, display, load_board, own_votes
from cafe.activities.vote.settings import VoteSettings
from cafe.core import Changes, Refusal, closed
from cafe.domain import tally
from cafe.extensions import db
from cafe.participants.models import ROLES
from cafe.sessions.models import Activity


def _check_open(activity: Activity) -> None:
    if not activity.is_open:
        raise closed()


def _check_items(board: Board, ids) -> None:
    for item_id in ids:
        status = board.status.get(item_id)
        if status is None:
            raise Refusal("not_found", _l("This is not one of the items of this vote."),
                          item=item_id)
        if status == "merged":
            raise Refusal(
                "merged", _l("This card was merged with another one. Please choose again."),
                item=item_id,
            )
        if status != "visible":
            raise Refusal(
                "not_votable",
                _l("This card is not on the wall (it was hidden or awaits approval)."),
                item=item_id,
            )


def _changes(activity: Activity, participant_id: int, items=()) -> Changes:
    """A ballot changes the tally only: phones get it as a small patch (see tally_view), the
    screens the rows of the items it touched (`items`: before and after, see views.patch)."""
    return Changes(
        activity.session_id, tallies={activity.id}, private={(participant_id, activity.id)},
        items={activity.id: set(items)},
    )


def _write(statement, params=None):
    """Ballots are written as plain rows in the session's transaction: nothing reads them back
    as objects, and the ORM's bookkeeping was most of the cost of a vote."""
    return db.session.connection().execute(statement, params)


def _remove_own(activity: Activity, participant_id: int, board: Board, item=None) -> set[int]:
    """Delete the participant's entries (only those counting for `item`, if given); returns
    the items they counted for (in the same statement: a ballot stays one DELETE)."""
    query = delete(Vote).where(
        Vote.activity_id == activity.id, Vote.participant_id == participant_id
    )
    if item is not None:
        ids = [vid for vid, item_id in _write(
            select(Vote.id, Vote.item_id).where(
                Vote.activity_id == activity.id, Vote.participant_id == participant_id)
        ) if board.resolve(item_id) == item]
        query = query.where(Vote.id.in_(ids))
    return {board.resolve(item_id) for (item_id,) in _write(query.returning(Vote.item_id))}


def _require(conf: VoteSettings, method: str) -> None:
    if conf.method != method:
        raise Refusal("invalid", _l("This vote works differently; please reload the page."))


def cast_dots(activity, participant_id: int, allocation: dict[int, int], entered_by: str,
              board: Board | None = None):
    """Replace the participant's dots by this allocation {item id: dots} (empty: none)."""
    _check_open(activity)
    conf = VoteSettings.of(activity)
    _require(conf, "dot")
    board = board or load_board(activity)
    wanted = {item: n for item, n in allocation.items() if n > 0}
    _check_items(board, wanted)
    if sum(wanted.values()) > conf.dots:
        raise Refusal("over_limit", _l("You have %(n)s dots in all.", n=conf.dots))
    held = {}
    if any(n > conf.max_dots_per_item for n in wanted.values()):
        held = own_votes(activity, participant_id, board)["allocation"]
    for item, n in wanted.items():
        # Dots that came together through a merge may stay, even above the per-item limit.
        if n > max(conf.max_dots_per_item, held.get(item, 0)):
            if conf.max_dots_per_item == 1:
                message = _l("You can give each item one dot only.")
            else:
                message = _l("At most %(n)s dots on one item.", n=conf.max_dots_per_item)
            raise Refusal("over_limit", message, item=item)
    before = _remove_own(activity, participant_id, board)
    entries = [Entry(item, dots=n) for item, n in wanted.items()]
    _store(activity, participant_id, conf, entered_by, entries)
    return (_changes(activity, participant_id, before | set(wanted)),
            own_votes(activity, participant_id, board, entries))


def cast_ranking(activity, participant_id: int, ranking: list[int], entered_by: str,
                 board: Board | None = None):
    """Replace the participant's ranking: best first, at most K distinct items."""
    _check_open(activity)
    conf = VoteSettings.of(activity)
    _require(conf, "rank")
    if len(set(ranking)) != len(ranking):
        raise Refusal("invalid", _l("Each item can be in your ranking only once."))
    if len(ranking) > conf.rank_k:
        raise Refusal("over_limit", _l("Choose at most %(n)s items.", n=conf.rank_k))
    board = board or load_board(activity)
    _check_items(board, ranking)
    before = _remove_own(activity, participant_id, board)
    entries = [Entry(item, position=position) for position, item in enumerate(ranking, start=1)]
    _store(activity, participant_id, conf, entered_by, entries)
    return (_changes(activity, participant_id, before | set(ranking)),
            own_votes(activity, participant_id, board, entries))


def cast_rating(activity, participant_id: int, item: int, importance: int, urgency: int,
                entered_by: str, board: Board | None = None):
    _check_open(activity)
    conf = VoteSettings.of(activity)
    _require(conf, "rate")
    if not (1 <= importance <= 5 and 1 <= urgency <= 5):
        raise Refusal("invalid", _l("Please choose a value from 1 to 5."))
    board = board or load_board(activity)
    _check_items(board, [item])
    before = _remove_own(activity, participant_id, board, item=item)
    _store(activity, participant_id, conf, entered_by,
           [Entry(item, importance=importance, urgency=urgency)])
    return (_changes(activity, participant_id, before | {item}),
            own_votes(activity, participant_id, board))


def clear(activity, participant_id: int, item: int | None = None):
    """Withdraw the participant's votes (or only those for one item)."""
    _check_open(activity)
    return _changes(activity, participant_id,
                    _remove_own(activity, participant_id, load_board(activity), item=item))


def withdraw(activity, participant_id: int):
    """The participant leaves: their votes go, whether or not the vote is still open."""
    board = load_board(activity)
    gone = _write(delete(Vote).where(
        Vote.activity_id == activity.id, Vote.participant_id == participant_id
    ).returning(Vote.item_id))
    return _changes(activity, participant_id, {board.resolve(item_id) for (item_id,) in gone})


def _store(activity, participant_id: int, conf, entered_by: str, entries: list[Entry]) -> None:
    if entries:
        _write(insert(Vote), [
            {"activity_id": activity.id, "participant_id": participant_id,
             "target": conf.item_target, "entered_by": entered_by, **entry._asdict()}
            for entry in entries
        ])


def set_display(activity: Activity, revealed: bool | None = None, role: str | None = "-"):
    """Reveal or hide the results, and choose whose results the projector shows."""
    shown = display(activity)
    if revealed is not None:
        shown.revealed = revealed
    if role != "-":
        if role is not None and role not in (*ROLES, tally.UNSPECIFIED):
            raise Refusal("invalid", _l("Unknown role."))
        shown.role = role
    db.session.add(shown)
    db.session.flush()
    return Changes(activity.session_id, tallies={activity.id})
