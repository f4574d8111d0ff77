"""Control and invisible characters in what people send.

A NUL byte in one card made python-docx and openpyxl fail, so no report could be built; a card
of only zero-width or bidi-control characters looked empty on every screen yet counted as
input. Every text from a participant, panelist or facilitator passes `clean`: C0 controls
(except tab and line ends), DEL and C1 controls are removed, and a text with nothing visible
left becomes "", which the usual "empty" refusals then catch.
"""

import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Mn")
               for ch in text)


def clean(text: str) -> str:
    text = _CONTROLS.sub("", text)
    return text if _visible(text) else ""


def clean_deep(value):
    """Every string inside a JSON-like value (dict keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_deep(k): clean_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_deep(v) for v in value]
    return value
