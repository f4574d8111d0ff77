"""Sending the plenary harvest on to prioritisation: insights become cards on a board of the
same session (entered by the facilitator), with their theme, ready for a vote."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board.models import Card, Theme
from cafe.activities.board.settings import BoardSettings
from cafe.activities.worldcafe import harvest
from cafe.core import Changes, Refusal
from cafe.extensions import db
from cafe.sessions.models import Activity


def boards(activity: Activity) -> list[dict]:
    return [{"id": a.id, "title": a.title} for a in activity.session.activities
            if a.kind == "board"]


def _board_theme(board: Activity, title: str, made: dict) -> int:
    if title not in made:
        theme = db.session.scalar(select(Theme).where(Theme.activity_id == board.id,
                                                      Theme.title == title))
        if theme is None:
            theme = Theme(activity_id=board.id, title=title, position=len(made) + 1000)
            db.session.add(theme)
            db.session.flush()
        made[title] = theme.id
    return made[title]


def send(activity: Activity, board: Activity, categories: list[str], theme_id: int | None,
         card_type: str) -> tuple[int, Changes]:
    """Cards for the chosen items not sent before; returns how many were made. Text longer than
    the board allows is shortened on the card and kept whole as its original text."""
    conf = BoardSettings.of(board)
    if card_type not in conf.card_types:
        raise Refusal("invalid", _l("This kind of card is not asked for here."), field="type")
    themes = {t.id: t.title for t in harvest.themes(activity)}
    if theme_id is not None and theme_id not in themes:
        raise Refusal("not_found", _l("This theme no longer exists."))
    made_themes: dict[str, int] = {}
    sent = 0
    for item in harvest.items(activity):
        if item.card_id is not None or item.category not in categories:
            continue
        if theme_id is not None and item.theme_id != theme_id:
            continue
        text = item.text
        if len(text) > conf.max_length:
            text = text[: conf.max_length - 1].rstrip() + "…"
        card = Card(activity_id=board.id, session_id=board.session_id, participant_id=None,
                    type=card_type, text=text,
                    original_text=item.text if text != item.text else None,
                    status="visible", entered_by="facilitator")
        if item.theme_id in themes:
            card.theme_id = _board_theme(board, themes[item.theme_id], made_themes)
        db.session.add(card)
        db.session.flush()
        item.card_id = card.id
        sent += 1
    db.session.flush()
    changes = Changes(activity.session_id, activities={board.id},
                      messages=harvest.screens(activity))
    changes.activities |= registry.followers(board)
    return sent, changes
