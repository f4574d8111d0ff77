"""What every kind does with a short text someone contributes (a card, a harvest line, a canvas
item, a statement)."""

from flask_babel import lazy_gettext as _l

from cafe.live.errors import Refusal


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
