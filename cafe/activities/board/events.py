"""Socket events of a board: posting and withdrawing cards, and the console's moderation."""

from typing import Literal

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.board import kind, services
from cafe.activities.board.models import Card, Theme
from cafe.activities.board.views import own_cards
from cafe.core import Outcome, Refusal
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle

# Generous: the board's own max_length (at most 1000) gives the precise, translated refusal.
_TEXT = Field(max_length=2000)


class CardAdd(EventPayload):
    activity: int = Field(ge=1)
    type: str = Field(max_length=16)
    text: str = _TEXT
    block: str | None = Field(default=None, max_length=32)


class CardRef(EventPayload):
    card: int = Field(ge=1)


class CardEdit(CardRef):
    text: str = _TEXT


class CardMerge(EventPayload):
    source: int = Field(ge=1)
    target: int = Field(ge=1)


class CardTheme(CardRef):
    theme: int | None = Field(default=None, ge=1)


class ThemeAdd(EventPayload):
    activity: int = Field(ge=1)
    title: str = Field(max_length=500)


class ThemeRef(EventPayload):
    theme: int = Field(ge=1)


class ThemeRename(ThemeRef):
    title: str = Field(max_length=500)


class BoardDisplay(EventPayload):
    activity: int = Field(ge=1)
    display: Literal["wall", "cloud"]


def _entered_by(conn) -> str:
    if conn.view == "console":
        return "facilitator"
    return "assisted" if conn.assisted_by else "participant"


def get_card(session_id: int, card_id: int) -> Card:
    """The card a client names, only if it is on a board of the client's own session."""
    card = db.session.get(Card, card_id)
    if card is None or card.session_id != session_id:
        raise Refusal("not_found", _l("This card no longer exists."))
    kind.get(session_id, card.activity_id)
    return card


def get_theme(session_id: int, theme_id: int) -> Theme:
    theme = db.session.get(Theme, theme_id)
    if theme is None:
        raise Refusal("not_found", _l("This theme no longer exists."))
    try:
        kind.get(session_id, theme.activity_id)
    except Refusal:
        raise Refusal("not_found", _l("This theme no longer exists.")) from None
    return theme


@handle("card:add", CardAdd, views=("phone", "console"))
def add(conn, payload):
    """From a phone; from the console for an assisted participant (on_behalf) or as the
    facilitator's own card (no participant)."""
    activity = kind.get(conn.session_id, payload.activity)
    who = conn.participant_id if conn.view == "phone" else None
    card, changes = services.add_card(
        activity, who, payload.type, payload.text, payload.block, _entered_by(conn)
    )
    result = {"card": card.id, "status": card.status}
    if who is not None:
        result["mine"] = own_cards(activity, who)
    return Outcome(result=result, changes=changes)


@handle("card:withdraw", CardRef, views=("phone",))
def withdraw(conn, payload):
    card = get_card(conn.session_id, payload.card)
    activity = kind.get(conn.session_id, card.activity_id)
    changes = services.withdraw_card(card, conn.participant_id)
    return Outcome(result={"mine": own_cards(activity, conn.participant_id)}, changes=changes)


@handle("card:hide", CardRef, views=("console",))
def hide(conn, payload):
    card = get_card(conn.session_id, payload.card)
    return Outcome(changes=services.set_visible(card, False))


@handle("card:show", CardRef, views=("console",))
def show(conn, payload):
    """Shows a hidden card, approves a pending one, takes a merged one out again."""
    card = get_card(conn.session_id, payload.card)
    return Outcome(changes=services.set_visible(card, True))


@handle("card:edit", CardEdit, views=("console",))
def edit(conn, payload):
    card = get_card(conn.session_id, payload.card)
    return Outcome(changes=services.edit_card(card, payload.text))


@handle("card:merge", CardMerge, views=("console",))
def merge(conn, payload):
    source = get_card(conn.session_id, payload.source)
    target = get_card(conn.session_id, payload.target)
    return Outcome(result={"into": target.id}, changes=services.merge(source, target))


@handle("card:theme", CardTheme, views=("console",))
def set_theme(conn, payload):
    card = get_card(conn.session_id, payload.card)
    theme = get_theme(conn.session_id, payload.theme) if payload.theme else None
    return Outcome(changes=services.set_theme(card, theme))


@handle("theme:add", ThemeAdd, views=("console",))
def add_theme(conn, payload):
    activity = kind.get(conn.session_id, payload.activity)
    theme, changes = services.add_theme(activity, payload.title)
    return Outcome(result={"theme": theme.id}, changes=changes)


@handle("theme:rename", ThemeRename, views=("console",))
def rename_theme(conn, payload):
    theme = get_theme(conn.session_id, payload.theme)
    return Outcome(changes=services.rename_theme(theme, payload.title))


@handle("theme:delete", ThemeRef, views=("console",))
def delete_theme(conn, payload):
    theme = get_theme(conn.session_id, payload.theme)
    return Outcome(changes=services.delete_theme(theme))


@handle("board:display", BoardDisplay, views=("console",))
def display(conn, payload):
    """Wall of cards or word cloud on the projector."""
    activity = kind.get(conn.session_id, payload.activity)
    return Outcome(changes=services.set_display(activity, payload.display))
