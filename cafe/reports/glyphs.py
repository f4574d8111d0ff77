"""Characters the report's font can draw, and a visible mark for those it cannot (most emoji),
so nothing a participant wrote silently disappears from a PDF or a chart."""

import unicodedata
from functools import lru_cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont


def fonts() -> tuple[Path, Path]:
    """DejaVu ships with matplotlib (a dependency of wordcloud): Unicode without system fonts."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


# Marks with no glyph of their own: joiners and variation selectors glue emoji together.
INVISIBLE = {"\u200d", "\u200c", "\ufe0e", "\ufe0f", "\u200e", "\u200f"}


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    return frozenset(TTFont(str(fonts()[0])).getBestCmap())


def printable(text: str, mark: str = "emoji") -> str:
    """Text the font can draw: a character it has no glyph for (an emoji, mostly) becomes
    "[emoji: its name]", so the reader sees something was there and what it was."""
    covered = _covered()
    out = []
    for ch in str(text):
        if ord(ch) in covered or ch in "\n\t" or unicodedata.category(ch) in ("Mn", "Me"):
            out.append(ch)
        elif ch in INVISIBLE or 0x1F3FB <= ord(ch) <= 0x1F3FF:  # joiners, skin tones
            continue
        else:
            out.append(f"[{mark}: {unicodedata.name(ch, hex(ord(ch))).lower()}]")
    return "".join(out)
