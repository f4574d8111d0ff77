"""The board a vote is about, as the vote's items: its cards read once per change of the board.

A vote on a board's cards is read for every ballot, every connecting phone and every screen
update; the board changes about as often (six cards a second in a busy room). So the vote keeps
its last read of the board with the stamp it was read at (in the app's caches), and when the
stamp moved it reads only the cards changed since, onto a copy of that read (issue 31): the
cost of one new card does not grow with the wall.
"""

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import bindparam, func, select, union

from cafe.activities.board.counts import CardCount
from cafe.activities.board.models import Card, Theme
from cafe.activities.vote.settings import VoteSettings
from cafe.caches import caches
from cafe.domain import tally
from cafe.extensions import db
from cafe.live.wire import Encoded
from cafe.sessions.models import Activity


# The boards of a session, each with what tells whether its cards changed: whatever a
# moderator does to a card (add, hide, edit, merge, theme) moves one of these, and a deleted
# theme clears its cards' theme without touching them, hence the theme count. One query, run
# per ballot and per connecting phone: the newest id and time are one step down an index each
# (ORDER BY ... LIMIT 1, which the databases answer from the index; a MAX in a correlated
# subquery scans it), the count is the sum of the board's counters (board/counts.py: a few
# rows; a COUNT of the cards, even from an index, grew with the wall; issue 31).
def _newest(column):
    return (select(column).where(Card.activity_id == Activity.id)
            .order_by(column.desc()).limit(1).scalar_subquery())


_BOARDS = (
    select(
        Activity.id, Activity.position,
        select(func.coalesce(func.sum(CardCount.n), 0))
        .where(CardCount.activity_id == Activity.id).scalar_subquery(),
        _newest(Card.id),
        _newest(Card.updated_at),
        select(func.count(Theme.id)).where(Theme.activity_id == Activity.id).scalar_subquery(),
    )
    .where(Activity.session_id == bindparam("session"), Activity.kind == "board")
    .order_by(Activity.position)
)
_COLUMNS = (Card.id, Card.text, Card.type, Card.status, Card.merged_into_id, Card.building_block,
            Card.theme_id)
_CARDS = (
    select(*_COLUMNS)
    .where(Card.activity_id == bindparam("board"))
    .order_by(Card.id)
)
# The cards changed or added since a stamp (see _BOARDS): each half a range of an index,
# (activity_id, updated_at) and the primary key, not the wall (an OR would read every card of
# the board). `>=`: a card written in the same instant as the stamp's newest one is read again
# rather than missed.
_CHANGED = union(
    select(*_COLUMNS).where(Card.activity_id == bindparam("board"),
                            Card.updated_at >= bindparam("since")),
    select(*_COLUMNS).where(Card.activity_id == bindparam("board"),
                            Card.id > bindparam("last_id")),
)
# The ids of a board's cards, from the index alone: which cards were deleted since a read.
_IDS = select(Card.id).where(Card.activity_id == bindparam("board"))
# Which of these cards still exist (a patch's ids: was one of them deleted?).
_STILL = select(Card.id).where(Card.id.in_(bindparam("ids", expanding=True)))
_THEMES = (
    select(Theme.id, Theme.title)
    .where(Theme.activity_id == bindparam("board"))
    .order_by(Theme.position, Theme.id)
)


def _read(statement, **params):
    return db.session.connection().execute(statement, params)


def _source(activity: Activity):
    """The board row this vote is about: the one the settings name, else the nearest before
    it; with its stamp (see _BOARDS)."""
    wanted = VoteSettings.of(activity).source
    boards = _read(_BOARDS, session=activity.session_id).all()
    if wanted is not None:
        return next((b for b in boards if b.position + 1 == wanted), None)
    before = [b for b in boards if b.position < activity.position]
    return before[-1] if before else None


def source_board_id(activity: Activity) -> int | None:
    source = _source(activity)
    return None if source is None else source.id


@dataclass
class Board:
    """The items of a vote as they stand now: what is votable, and where merged cards went.

    Shared between callers (see load_board): read it, never change it."""

    target: str  # card | theme
    source: int | None = None  # the board activity's id
    items: list[dict] = field(default_factory=list)
    status: dict[int, str] = field(default_factory=dict)
    merged_into: dict[int, int] = field(default_factory=dict)
    stamp: tuple = ()
    # Every card of the board as read (visible or not), by id, and the items by id in the
    # board's order: what the next version starts from when only a few cards changed (see
    # load_board; copying a dict is a copy, not a loop over the cards in Python).
    rows: dict[int, tuple] = field(default_factory=dict)
    shown: dict[int, dict] = field(default_factory=dict)

    # Computed once per board read (the board is cached while its cards stand still), not per
    # ballot: a ballot's work must not grow with the wall.
    @cached_property
    def ids(self) -> set[int]:
        return set(self.shown) if self.shown else {item["id"] for item in self.items}

    @cached_property
    def position(self) -> dict[int, int]:
        ids = self.shown or [item["id"] for item in self.items]
        return dict(zip(ids, range(len(ids)), strict=True))

    # The phones' list of items, written as JSON once per version of the board (it is cached
    # with the board, see load_board): every phone that connects during a vote, and the room
    # when the vote opens, get these same bytes (3,000 cards: about 300 KB).
    @cached_property
    def encoded_items(self) -> Encoded:
        return Encoded.of(self.items)

    def item(self, item_id: int) -> tally.Item:
        return tally.Item(item_id, self.items[self.position[item_id]]["text"], self.target)

    def tally_items(self) -> list[tally.Item]:
        return [tally.Item(i["id"], i["text"], self.target) for i in self.items]

    def resolve(self, item_id: int) -> int:
        return tally.resolve(item_id, self.merged_into)

    @cached_property
    def merged_from(self) -> dict[int, set[int]]:
        """Per card that absorbed others, the ids of those (chains followed)."""
        absorbed: dict[int, set[int]] = {}
        for card_id in self.merged_into:
            absorbed.setdefault(self.resolve(card_id), set()).add(card_id)
        return absorbed

    def counting_for(self, ids) -> set[int]:
        """The ids whose ballots count for these items: themselves and what merged into them."""
        ids = set(ids)
        return ids.union(*(self.merged_from.get(i, ()) for i in ids))


# Boards per (board, target) with the stamp they were read at, in the app's caches: a vote reads
# its board several times per ballot (checks, own entries, views), and the board rarely changes
# meanwhile.


def load_board(activity: Activity, changed: set[int] | None = None) -> Board:
    """`changed`: ids of cards the caller knows changed (a patch's): one of them deleted is
    found by asking for those ids, not for every id of the board."""
    conf = VoteSettings.of(activity)
    row = _source(activity)
    if row is None:
        return Board(conf.item_target)
    source = row.id
    if conf.target == "themes":  # a handful of rows, and renaming leaves no stamp: read them
        board = Board("theme", source)
        for theme in _read(_THEMES, board=source):
            board.items.append({"id": theme.id, "text": theme.title})
            board.status[theme.id] = "visible"
        return board
    stamp = tuple(row[2:])
    boards = caches().get("vote.boards", 256)
    slot = (source, conf.target)
    cached = boards.get(slot)
    if cached is not None and cached.stamp == stamp:
        return cached
    board = _changed_board(cached, source, stamp, changed) if cached is not None else None
    if board is None:
        board = Board("card", source, stamp=stamp,
                      rows={card.id: card for card in _read(_CARDS, board=source)})
        _take_in(board, board.rows.values())
        board.items = list(board.shown.values())
    boards[slot] = board
    return board


def _changed_board(before: Board, source: int, stamp: tuple,
                   hint: set[int] | None) -> Board | None:
    """The board from the one read before and the cards changed since (a vote that follows a
    board while cards come in reads a few rows per update, not the wall, and copies the rest).
    A card deleted (the count says so) leaves no row: the ids in `hint` that are gone, else the
    ids of the board's cards (from the index) tell which. None when that cannot tell: a theme
    deleted (it clears its cards' theme without touching them)."""
    count, _, _, themes = stamp
    _, last_id, since, before_themes = before.stamp
    if since is None or last_id is None or themes != before_themes:
        return None
    changed = sorted(_read(_CHANGED, board=source, since=since, last_id=last_id),
                     key=lambda card: card.id)
    rows = {**before.rows, **{card.id: card for card in changed}}
    gone: set[int] = set()
    if len(rows) != count:  # cards taken back (the soak's phones withdraw one a second)
        maybe = (hint or set()) & rows.keys() - {card.id for card in changed}
        if maybe:
            gone = maybe - set(_read(_STILL, ids=sorted(maybe)).scalars())
        if len(rows) - len(gone) != count:
            ids = set(_read(_IDS, board=source).scalars())
            gone = rows.keys() - ids
            if len(rows) - len(gone) != len(ids):
                return None
    for card_id in gone:
        del rows[card_id]
    board = Board("card", source, stamp=stamp, rows=rows, status=dict(before.status),
                  merged_into=dict(before.merged_into), shown=dict(before.shown))
    for card_id in gone:
        board.status.pop(card_id, None)
        board.merged_into.pop(card_id, None)
        board.shown.pop(card_id, None)
    if _take_in(board, changed):
        board.shown = dict(sorted(board.shown.items()))
    board.items = list(board.shown.values())
    return board


def _take_in(board: Board, cards) -> bool:
    """Put these cards (in id order) into the board; True when one came onto the items before
    the last of them (they then need sorting again)."""
    last = next(reversed(board.shown), 0)
    unordered = False
    for card in cards:
        board.status[card.id] = card.status
        board.merged_into.pop(card.id, None)
        if card.status == "merged" and card.merged_into_id:
            board.merged_into[card.id] = card.merged_into_id
        if card.status != "visible":
            board.shown.pop(card.id, None)
            continue
        if card.id not in board.shown and card.id < last:
            unordered = True
        last = max(last, card.id)
        board.shown[card.id] = {
            "id": card.id, "text": card.text, "type": card.type,
            "building_block": card.building_block, "theme_id": card.theme_id,
        }
    return unordered
