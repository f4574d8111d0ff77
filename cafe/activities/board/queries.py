"""Reading a board: its cards and themes, merge chains, what each audience may see."""

from sqlalchemy import func, select

from cafe.activities.board.counts import CardCount
from cafe.activities.board.models import Card, Theme
from cafe.extensions import db

# A chain longer than this is a loop someone made in the database by hand: stop following it.
_MAX_CHAIN = 1000


def cards(activity) -> list[Card]:
    return list(db.session.scalars(
        select(Card).where(Card.activity_id == activity.id).order_by(Card.id)
    ))


def cards_by_id(activity, ids) -> list[Card]:
    """Only these cards of the board (a patch reads what changed, not the wall)."""
    return list(db.session.scalars(
        select(Card).where(Card.activity_id == activity.id, Card.id.in_(sorted(ids)))
        .order_by(Card.id)
    ))


def merged_counts(ids) -> dict[int, int]:
    """{card id: how many cards were merged into it, directly or through others}, for these
    cards only: follows the merge chains backwards, one query per link."""
    root = {i: i for i in ids}
    counts = dict.fromkeys(ids, 0)
    frontier = set(ids)
    for _step in range(_MAX_CHAIN):
        if not frontier:
            break
        rows = db.session.execute(
            select(Card.id, Card.merged_into_id)
            .where(Card.merged_into_id.in_(sorted(frontier)), Card.status == "merged")
        ).all()
        frontier = set()
        for source, into in rows:
            if source in root:  # a loop made by hand in the database
                continue
            root[source] = root[into]
            counts[root[source]] += 1
            frontier.add(source)
    return counts


def merged_behind(card_id: int) -> set[int]:
    """The cards merged into this one, directly or through others (their chain ends move when
    it is merged or taken out): follows the chains backwards, one query per link."""
    found: set[int] = set()
    frontier = {card_id}
    for _step in range(_MAX_CHAIN):
        if not frontier:
            break
        frontier = set(db.session.scalars(
            select(Card.id).where(Card.merged_into_id.in_(sorted(frontier)),
                                  Card.status == "merged")
        )) - found - {card_id}
        found |= frontier
    return found


def theme_cards(theme_id: int) -> set[int]:
    return set(db.session.scalars(select(Card.id).where(Card.theme_id == theme_id)))


def counts(activity) -> dict[tuple[str, str], int]:
    """{(type, status): cards} of this board, from its counters (a few rows, whatever the
    size of the wall: see counts.py)."""
    return {(t, s): n for t, s, n in db.session.execute(
        select(CardCount.type, CardCount.status, CardCount.n)
        .where(CardCount.activity_id == activity.id, CardCount.n > 0)
    )}


def count_by(activity, by: str, status: str | None = None) -> dict[str, int]:
    """{type or status (`by`): cards}, of the cards with this status (None: all)."""
    out: dict[str, int] = {}
    for (card_type, card_status), n in counts(activity).items():
        if status is None or card_status == status:
            key = card_type if by == "type" else card_status
            out[key] = out.get(key, 0) + n
    return out


def themes(activity) -> list[Theme]:
    return list(db.session.scalars(
        select(Theme).where(Theme.activity_id == activity.id).order_by(Theme.position, Theme.id)
    ))


def own_cards(activity, participant_id: int) -> list[Card]:
    return list(db.session.scalars(
        select(Card)
        .where(Card.activity_id == activity.id, Card.participant_id == participant_id)
        .order_by(Card.id)
    ))


def count_own(activity, participant_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Card)
        .where(Card.activity_id == activity.id, Card.participant_id == participant_id)
    ) or 0


def resolve(card_id: int) -> int | None:
    """The card a card counts as now: itself, or the end of its merge chain (None: no such card).

    Votes and anything else pointing at a merged card follow this, so they carry over."""
    card = db.session.get(Card, card_id)
    seen = set()
    while card is not None and card.status == "merged" and card.merged_into_id is not None:
        if card.id in seen or len(seen) > _MAX_CHAIN:
            break
        seen.add(card.id)
        card = db.session.get(Card, card.merged_into_id)
    return card.id if card is not None else None


def chain_ends(all_cards: list[Card]) -> dict[int, int]:
    """{merged card id: the card its chain ends in}, for one board's cards."""
    into = {c.id: c.merged_into_id for c in all_cards
            if c.status == "merged" and c.merged_into_id is not None}
    ends = {}
    for start in into:
        current, steps = start, 0
        while current in into and steps <= _MAX_CHAIN:
            current, steps = into[current], steps + 1
        ends[start] = current
    return ends


def merged_from(all_cards: list[Card]) -> dict[int, list[int]]:
    """{card id: ids of the cards merged into it, directly or through other merged cards}."""
    out: dict[int, list[int]] = {}
    for source, end in sorted(chain_ends(all_cards).items()):
        out.setdefault(end, []).append(source)
    return out


def visible(all_cards: list[Card]) -> list[Card]:
    return [c for c in all_cards if c.status == "visible"]


def cloud_texts(activity) -> list[str]:
    """What the word cloud is made of: the cards on the wall."""
    return list(db.session.scalars(
        select(Card.text)
        .where(Card.activity_id == activity.id, Card.status == "visible")
        .order_by(Card.id)
    ))


def results(activity) -> dict:
    """The `board` shape of docs/ARCHITECTURE.md: cards on the wall and themes, no names."""
    all_cards = cards(activity)
    sources = merged_from(all_cards)
    shown = visible(all_cards)
    return {
        "type": "board",
        "cards": [
            {
                "id": c.id,
                "type": c.type,
                "text": c.text,
                "building_block": c.building_block,
                "theme_id": c.theme_id,
                "merged_from": sources.get(c.id, []),
                "entered_by": c.entered_by,
            }
            for c in shown
        ],
        "themes": [
            {"id": t.id, "title": t.title,
             "card_ids": [c.id for c in shown if c.theme_id == t.id]}
            for t in themes(activity)
        ],
    }
