"""What every kind does with a short text someone contributes (a card, a harvest line, a canvas
item, a statement), and with the title of a theme the facilitator groups them under."""

from flask_babel import lazy_gettext as _l

from cafe.core import Refusal

MAX_THEME_TITLE = 120


def clean_text(text: str | None, max_length: int) -> str:
    """One line of text as people see it on a screen: runs of spaces and newlines made one;
    empty or too long is refused in the sender's language."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise Refusal("invalid", _l("Please write something first."), field="text")
    if len(cleaned) > max_length:
        raise Refusal(
            "invalid", _l("This text is too long (at most %(max)s characters).", max=max_length),
            field="text",
        )
    return cleaned


def clean_theme_title(title: str | None) -> str:
    """A theme's name (a board's, a World Café harvest's), one line, not empty, not too long."""
    cleaned = " ".join((title or "").split())
    if not cleaned:
        raise Refusal("invalid", _l("Please give the theme a name."), field="title")
    if len(cleaned) > MAX_THEME_TITLE:
        raise Refusal("invalid", _l("This text is too long (at most %(max)s characters).",
                                    max=MAX_THEME_TITLE), field="title")
    return cleaned
