"""Posting, moderating and withdrawing cards; themes. Never emits: returns Changes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from cafe.activities import registry
from cafe.activities.board import queries
from cafe.activities.board.models import CARD_TYPES, Card, Theme
from cafe.activities.board.settings import BoardSettings
from cafe.activities.contributions import clean_text, clean_theme_title
from cafe.core import Changes, Refusal, closed
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.extensions import db
from cafe.sessions.models import Activity


def _patch(activity: Activity, *cards: Card, wall: bool = True, also=()) -> Changes:
    """Like _changes, for a few cards: the screens get these cards (and the ids in `also`,
    cards whose merge chain moved) as a patch and the phones the new count, not the whole
    wall again."""
    ids = {card.id for card in cards} | set(also)
    changes = Changes(activity.session_id, tallies={activity.id}, items={activity.id: ids})
    _authors(changes, activity, cards)
    if wall:
        # The votes on these cards get the same ids: their items and rows (see vote views.patch).
        for vote_id in registry.followers(activity):
            changes.followers.add(vote_id)
            changes.items.setdefault(vote_id, set()).update(ids)
    return changes


def _authors(changes: Changes, activity: Activity, cards) -> None:
    for card in cards:
        if card.participant_id is not None:
            changes.private.add((card.participant_id, activity.id))


def add_card(activity: Activity, participant_id: int | None, card_type: str, text: str | None,
             block: str | None, entered_by: str) -> tuple[Card, Changes]:
    """A new card: from a phone, or entered by the facilitator (participant_id None)."""
    if not activity.is_open:
        raise closed()
    conf = BoardSettings.of(activity)
    if card_type not in CARD_TYPES or card_type not in conf.card_types:
        raise Refusal("invalid", _l("This kind of card is not asked for here."), field="type")
    if block and (block not in BUILDING_BLOCKS or not conf.show_building_blocks):
        raise Refusal("invalid", _l("Unknown building block."), field="block")
    cleaned = clean_text(text, conf.max_length)
    if participant_id is not None and (
        queries.count_own(activity, participant_id) >= conf.max_cards_per_participant
    ):
        raise Refusal(
            "over_limit",
            _l("You have posted the most cards allowed here (%(n)s).",
               n=conf.max_cards_per_participant),
        )
    # The facilitator moderates: what they enter (also for someone without a phone) is approved.
    pending = conf.premoderation and entered_by == "participant"
    card = Card(
        activity_id=activity.id,
        session_id=activity.session_id,
        participant_id=participant_id,
        type=card_type,
        text=cleaned,
        building_block=block or None,
        status="pending" if pending else "visible",
        entered_by=entered_by,
    )
    db.session.add(card)
    db.session.flush()
    return card, _patch(activity, card, wall=not pending)


def _board_of(card: Card) -> Activity:
    return db.session.get(Activity, card.activity_id)


def _delete(card: Card) -> list[Card]:
    """Remove a card; the duplicates merged into it come back onto the wall on their own.
    Returns those cards, whose authors' lists change too."""
    restored = list(db.session.scalars(
        select(Card).where(Card.merged_into_id == card.id, Card.status == "merged")
    ))
    for other in restored:
        other.status = "visible"
        other.merged_into_id = None
    db.session.delete(card)
    return restored


def withdraw_card(card: Card, participant_id: int) -> Changes:
    """A participant takes back one of their own cards."""
    if card.participant_id != participant_id:
        raise Refusal("forbidden", _l("You can only withdraw your own cards."))
    activity = _board_of(card)
    if not activity.is_open:
        raise closed()
    changes = _patch(activity, card, *_delete(card))
    db.session.flush()
    return changes


def set_visible(card: Card, visible: bool) -> Changes:
    """Hide a card, or show it: approves a pending card and takes a merged one out again."""
    # Cards merged into a merged card follow it out of its chain: they, and the card the chain
    # ended in (one duplicate fewer), are in the patch too.
    moved = set()
    if card.status == "merged":
        moved = queries.merged_behind(card.id) | {queries.resolve(card.id)} - {None}
    if visible:
        card.status = "visible"
        card.merged_into_id = None
    elif card.status == "merged":
        raise Refusal("invalid", _l("This card was merged; show it first to hide it."))
    else:
        card.status = "hidden"
    db.session.flush()
    return _patch(_board_of(card), card, also=moved)


def edit_card(card: Card, text: str | None) -> Changes:
    """The facilitator rewords a card; the author's own words are kept the first time."""
    activity = _board_of(card)
    cleaned = clean_text(text, BoardSettings.of(activity).max_length)
    if cleaned != card.text:
        if card.original_text is None:
            card.original_text = card.text
        card.text = cleaned
    db.session.flush()
    return _patch(activity, card)


def merge(source: Card, target: Card) -> Changes:
    """Fold a duplicate into another card of the same board. The source stays stored (and
    traceable through merged_into_id); votes on it count for the card it went into."""
    if source.activity_id != target.activity_id:
        raise Refusal("invalid", _l("Cards can only be merged within one board."))
    end_id = queries.resolve(target.id)
    end = db.session.get(Card, end_id) if end_id is not None else None
    if end is None or end.id == source.id:
        raise Refusal("invalid", _l("A card cannot be merged into itself."))
    if source.status == "merged":
        raise Refusal("invalid", _l("This card is already merged."))
    if end.status != "visible":
        raise Refusal("invalid", _l("Merge into a card that is on the wall."))
    behind = queries.merged_behind(source.id)  # their chains now end in `end`
    source.status = "merged"
    source.merged_into_id = end.id
    if end.theme_id is None and source.theme_id is not None:
        end.theme_id = source.theme_id
    db.session.flush()
    return _patch(_board_of(source), source, end, also=behind)


def add_theme(activity: Activity, title: str | None) -> tuple[Theme, Changes]:
    cleaned = clean_theme_title(title)
    last = db.session.scalar(
        select(func.max(Theme.position)).where(Theme.activity_id == activity.id)
    )
    theme = Theme(activity_id=activity.id, title=cleaned, position=(last or 0) + 1)
    db.session.add(theme)
    db.session.flush()
    return theme, _patch(activity)  # every patch carries the themes


def rename_theme(theme: Theme, title: str | None) -> Changes:
    theme.title = clean_theme_title(title)
    db.session.flush()
    return _patch(db.session.get(Activity, theme.activity_id))


def delete_theme(theme: Theme) -> Changes:
    """The cards stay; they are no longer grouped."""
    activity = db.session.get(Activity, theme.activity_id)
    grouped = queries.theme_cards(theme.id)
    db.session.execute(update(Card).where(Card.theme_id == theme.id).values(theme_id=None))
    db.session.delete(theme)
    db.session.flush()
    return _patch(activity, also=grouped)


def set_theme(card: Card, theme: Theme | None) -> Changes:
    if theme is not None and theme.activity_id != card.activity_id:
        raise Refusal("not_found", _l("This theme no longer exists."))
    card.theme_id = theme.id if theme is not None else None
    db.session.flush()
    return _patch(_board_of(card), card)


def set_display(activity: Activity, display: str) -> Changes:
    conf = BoardSettings.of(activity).model_copy(update={"display": display})
    if display == "cloud" and not conf.wordcloud:
        raise Refusal("invalid", _l("The word cloud is switched off for this board."))
    # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
    activity.settings = BoardSettings.model_validate(conf.model_dump()).model_dump(mode="json")
    db.session.flush()
    return Changes(activity.session_id, activities={activity.id})


def withdraw(activity: Activity, participant_id: int) -> Changes:
    """The participant leaves: their cards go, open board or not."""
    changes = _patch(activity)
    changes.private.add((participant_id, activity.id))
    for card in queries.own_cards(activity, participant_id):
        changes.merge(_patch(activity, card, *_delete(card), wall=False))
    db.session.flush()
    return changes
