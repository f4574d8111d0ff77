"""Words of short texts, counted for a word cloud. No Flask, no database.

Cards are written in Dutch, French and English, often mixed in one room, with elisions
("l'école"), hyphens ("buurt-werk") and the odd pasted link or unbroken string.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

# A word is a run of letters (any script), digits and inner hyphens; an apostrophe splits
# French elisions so that "l'école" counts as "école" (and "l" is dropped as a stop word).
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# Longer than this is not a word but a pasted string: it would not fit on the cloud anyway.
MAX_WORD_LENGTH = 30
MIN_WORD_LENGTH = 2


def normalise(text: str) -> str:
    """One form per word: composed Unicode (é is one character), lower case, no links."""
    text = unicodedata.normalize("NFC", text or "")
    text = _LINK.sub(" ", text)
    return text.casefold()


def words(text: str, stopwords: Iterable[str] = ()) -> list[str]:
    """The words of one text that say something: no stop words, numbers or overlong strings."""
    stop = stopwords if isinstance(stopwords, (set, frozenset)) else set(stopwords)
    out = []
    for word in _WORD.findall(normalise(text)):
        word = word.strip("-")
        if not (MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH):
            continue
        if word.isdigit() or word in stop:
            continue
        out.append(word)
    return out


def frequencies(texts: Iterable[str], stopwords: Iterable[str] = (),
                per_text_once: bool = True) -> dict[str, int]:
    """How many texts use each word (or how often in all, with per_text_once=False).

    Counting a word once per card keeps one person repeating a word from dominating the cloud.
    """
    stop = {normalise(s) for s in stopwords}
    counts: Counter[str] = Counter()
    for text in texts:
        found = words(text, stop)
        counts.update(set(found) if per_text_once else found)
    return dict(counts)


def stopword_set(*lists: Iterable[str]) -> frozenset[str]:
    """Stop word lists merged and normalised like the words they are compared with; elided
    forms ("l'", "qu'") are reduced to what the word pattern leaves of them."""
    merged: set[str] = set()
    for values in lists:
        for value in values:
            for part in _WORD.findall(normalise(value)):
                merged.add(part)
    return frozenset(merged)
