"""Casting, withdrawing and tallying votes on a board's cards or themes. Never emits."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from cafe.activities.board.models import Card, Theme
from cafe.activities.vote.models import Vote, VoteDisplay
from cafe.activities.vote.settings import VoteSettings
from cafe.domain import tally
from cafe.extensions import db
from cafe.live.changes import Changes
from cafe.live.errors import Refusal, closed
from cafe.participants.models import ROLES, Participant
from cafe.sessions.models import Activity


def settings(activity: Activity) -> VoteSettings:
    return VoteSettings.model_validate(activity.settings or {})


def get_vote(session_id: int, activity_id: int) -> Activity:
    """The vote activity a client names, only if it is one of its own session's votes."""
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.session_id != session_id or activity.kind != "vote":
        raise Refusal("not_found", _l("This vote does not exist."))
    return activity


def source_board(activity: Activity) -> Activity | None:
    """The board this vote is about: the one the settings name, else the nearest before it."""
    wanted = settings(activity).source
    boards = db.session.scalars(
        select(Activity)
        .where(Activity.session_id == activity.session_id, Activity.kind == "board")
        .order_by(Activity.position)
    ).all()
    if wanted is not None:
        return next((b for b in boards if b.position + 1 == wanted), None)
    before = [b for b in boards if b.position < activity.position]
    return before[-1] if before else None


@dataclass
class Board:
    """The items of a vote as they stand now: what is votable, and where merged cards went."""

    target: str  # card | theme
    source: int | None = None  # the board activity's id
    items: list[dict] = field(default_factory=list)
    status: dict[int, str] = field(default_factory=dict)
    merged_into: dict[int, int] = field(default_factory=dict)

    @property
    def ids(self) -> set[int]:
        return {item["id"] for item in self.items}

    def tally_items(self) -> list[tally.Item]:
        return [tally.Item(i["id"], i["text"], self.target) for i in self.items]

    def resolve(self, item_id: int) -> int:
        return tally.resolve(item_id, self.merged_into)


def load_board(activity: Activity) -> Board:
    conf = settings(activity)
    source = source_board(activity)
    board = Board(conf.item_target, source.id if source else None)
    if source is None:
        return board
    read = db.session.connection().execute  # plain rows: this runs for every broadcast
    if conf.target == "themes":
        themes = read(
            select(Theme.id, Theme.title)
            .where(Theme.activity_id == source.id)
            .order_by(Theme.position, Theme.id)
        )
        for theme in themes:
            board.items.append({"id": theme.id, "text": theme.title})
            board.status[theme.id] = "visible"
        return board
    cards = read(
        select(Card.id, Card.text, Card.type, Card.status, Card.merged_into_id,
               Card.building_block, Card.theme_id)
        .where(Card.activity_id == source.id)
        .order_by(Card.id)
    )
    for card in cards:
        board.status[card.id] = card.status
        if card.status == "merged" and card.merged_into_id:
            board.merged_into[card.id] = card.merged_into_id
        elif card.status == "visible":
            board.items.append({
                "id": card.id, "text": card.text, "type": card.type,
                "building_block": card.building_block, "theme_id": card.theme_id,
            })
    return board


def ballots(activity: Activity) -> list[tally.Ballot]:
    # Plain rows, not ORM objects: this runs on every vote, for hundreds of voters.
    rows = db.session.connection().execute(
        select(Vote.participant_id, Vote.item_id, Participant.role, Vote.dots, Vote.position,
               Vote.importance, Vote.urgency)
        .join(Participant, Participant.id == Vote.participant_id)
        .where(Vote.activity_id == activity.id)
    )
    return list(map(tally.Ballot._make, rows))


# Results per (database, vote), with what they were computed from: the projector, the console
# and the phones all show the same tally after a vote, so it is computed once, not per view.
_results_cache: dict[tuple[str, int], tuple[tuple, dict]] = {}


def results(activity: Activity, board: Board | None = None) -> dict:
    """The tally (treat as read-only: it may be shared with other callers)."""
    board = board or load_board(activity)
    conf = settings(activity)
    votes = db.session.connection().execute(
        select(func.count(Vote.id), func.max(Vote.id), func.max(Vote.updated_at))
        .where(Vote.activity_id == activity.id)
    ).one()
    key = (
        conf.method, conf.rank_k, board.target, tuple(votes),
        tuple((item["id"], item["text"]) for item in board.items),
        tuple(sorted(board.merged_into.items())),
    )
    slot = (str(db.engine.url), activity.id)
    cached = _results_cache.get(slot)
    if cached is not None and cached[0] == key:
        return cached[1]
    counted = tally.tally(
        conf.method, board.tally_items(), ballots(activity), board.merged_into, k=conf.rank_k
    )
    computed = {"type": "vote", "method": conf.method, "target": conf.target, **counted}
    if len(_results_cache) > 256:
        _results_cache.clear()
    _results_cache[slot] = (key, computed)
    return computed


def display(activity: Activity) -> VoteDisplay:
    shown = db.session.get(VoteDisplay, activity.id)
    if shown is None:
        shown = VoteDisplay(activity_id=activity.id, revealed=False, role=None)
    return shown


def results_shown(activity: Activity) -> bool:
    return settings(activity).reveal == "live" or bool(display(activity).revealed)


def own_votes(activity: Activity, participant_id: int, board: Board | None = None) -> dict:
    """A participant's own entries, moved onto the cards they count for now."""
    board = board or load_board(activity)
    conf = settings(activity)
    rows = db.session.scalars(
        select(Vote).where(Vote.activity_id == activity.id, Vote.participant_id == participant_id)
    ).all()
    allocation: dict[int, int] = {}
    positions: dict[int, int] = {}
    rated: dict[int, list[Vote]] = {}
    votable = board.ids
    for row in rows:
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


def _changes(activity: Activity, participant_id: int) -> Changes:
    return Changes(
        activity.session_id, activities={activity.id}, private={(participant_id, activity.id)}
    )


def _remove_own(activity: Activity, participant_id: int, board: Board, item=None) -> None:
    """Delete the participant's entries (only those counting for `item`, if given)."""
    query = delete(Vote).where(
        Vote.activity_id == activity.id, Vote.participant_id == participant_id
    )
    if item is not None:
        ids = [vid for vid, item_id in db.session.execute(
            select(Vote.id, Vote.item_id).where(
                Vote.activity_id == activity.id, Vote.participant_id == participant_id)
        ) if board.resolve(item_id) == item]
        query = query.where(Vote.id.in_(ids))
    db.session.execute(query)


def _require(conf: VoteSettings, method: str) -> None:
    if conf.method != method:
        raise Refusal("invalid", _l("This vote works differently; please reload the page."))


def cast_dots(activity, participant_id: int, allocation: dict[int, int], entered_by: str):
    """Replace the participant's dots by this allocation {item id: dots} (empty: none)."""
    _check_open(activity)
    conf = settings(activity)
    _require(conf, "dot")
    board = load_board(activity)
    wanted = {item: n for item, n in allocation.items() if n > 0}
    _check_items(board, wanted)
    if sum(wanted.values()) > conf.dots:
        raise Refusal("over_limit", _l("You have %(n)s dots in all.", n=conf.dots))
    held = own_votes(activity, participant_id, board)["allocation"]
    for item, n in wanted.items():
        # Dots that came together through a merge may stay, even above the per-item limit.
        if n > max(conf.max_dots_per_item, held.get(item, 0)):
            if conf.max_dots_per_item == 1:
                message = _l("You can give each item one dot only.")
            else:
                message = _l("At most %(n)s dots on one item.", n=conf.max_dots_per_item)
            raise Refusal("over_limit", message, item=item)
    _remove_own(activity, participant_id, board)
    for item, n in wanted.items():
        db.session.add(_vote(activity, participant_id, conf, item, entered_by, dots=n))
    db.session.flush()
    return _changes(activity, participant_id)


def cast_ranking(activity, participant_id: int, ranking: list[int], entered_by: str):
    """Replace the participant's ranking: best first, at most K distinct items."""
    _check_open(activity)
    conf = settings(activity)
    _require(conf, "rank")
    if len(set(ranking)) != len(ranking):
        raise Refusal("invalid", _l("Each item can be in your ranking only once."))
    if len(ranking) > conf.rank_k:
        raise Refusal("over_limit", _l("Choose at most %(n)s items.", n=conf.rank_k))
    board = load_board(activity)
    _check_items(board, ranking)
    _remove_own(activity, participant_id, board)
    for position, item in enumerate(ranking, start=1):
        db.session.add(_vote(activity, participant_id, conf, item, entered_by, position=position))
    db.session.flush()
    return _changes(activity, participant_id)


def cast_rating(activity, participant_id: int, item: int, importance: int, urgency: int,
                entered_by: str):
    _check_open(activity)
    conf = settings(activity)
    _require(conf, "rate")
    if not (1 <= importance <= 5 and 1 <= urgency <= 5):
        raise Refusal("invalid", _l("Please choose a value from 1 to 5."))
    board = load_board(activity)
    _check_items(board, [item])
    _remove_own(activity, participant_id, board, item=item)
    db.session.add(_vote(activity, participant_id, conf, item, entered_by,
                         importance=importance, urgency=urgency))
    db.session.flush()
    return _changes(activity, participant_id)


def clear(activity, participant_id: int, item: int | None = None):
    """Withdraw the participant's votes (or only those for one item)."""
    _check_open(activity)
    board = load_board(activity)
    _remove_own(activity, participant_id, board, item=item)
    db.session.flush()
    return _changes(activity, participant_id)


def withdraw(activity, participant_id: int):
    """The participant leaves: their votes go, whether or not the vote is still open."""
    db.session.execute(
        delete(Vote).where(Vote.activity_id == activity.id, Vote.participant_id == participant_id)
    )
    db.session.flush()
    return _changes(activity, participant_id)


def _vote(activity, participant_id, conf, item, entered_by, **values) -> Vote:
    return Vote(activity_id=activity.id, participant_id=participant_id,
                target=conf.item_target, item_id=item, entered_by=entered_by, **values)


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
    return Changes(activity.session_id, activities={activity.id})


def votes_on(board_activity: Activity) -> set[int]:
    """The votes whose items are this board's cards: to refresh when a card changes."""
    votes = db.session.scalars(
        select(Activity).where(
            Activity.session_id == board_activity.session_id, Activity.kind == "vote"
        )
    )
    return {v.id for v in votes if (b := source_board(v)) is not None and b.id == board_activity.id}
