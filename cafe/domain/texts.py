"""Texts a facilitator writes, in one language or several.

A text is either a plain string (written in the session's language) or a mapping from language
code to text, e.g. ``{"nl": "Welkom", "fr": "Bienvenue"}``. Plans, activity settings (round
questions, canvas labels) and Delphi statements all use this one shape, so the same function
picks the version a participant reads.
"""

from collections.abc import Mapping

LocalizedText = str | Mapping[str, str]


def localized(
    value: LocalizedText | None, language: str | None, fallback: str | None = None
) -> str:
    """The text in ``language``, else in ``fallback`` (the session's language), else the first
    non-empty version. A plain string is returned as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for lang in (language, fallback):
        if lang and value.get(lang, "").strip():
            return value[lang]
    for text in value.values():
        if text and text.strip():
            return text
    return ""


def language_of(
    value: LocalizedText | None, language: str | None, fallback: str | None = None
) -> str | None:
    """The language of the version `localized` picks with the same arguments: a screen reader
    and read-aloud need it to read an untranslated text in its own language. A plain string is
    in ``fallback`` (the session's language); no text, None."""
    if value is None:
        return None
    if isinstance(value, str):
        return fallback if value.strip() else None
    for lang in (language, fallback):
        if lang and value.get(lang, "").strip():
            return lang
    for lang, text in value.items():
        if text and text.strip():
            return lang
    return None


def languages_of(value: LocalizedText | None, default: str) -> set[str]:
    """The languages a text has a non-empty version in (a plain string counts as ``default``)."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {default} if value.strip() else set()
    return {lang for lang, text in value.items() if text and text.strip()}


# A facilitator's texts as the editor stores them: one version per content language.

def clean(text: str) -> str:
    """What a textarea sends (\\r\\n, trailing spaces) and what a TOML file holds compare equal."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def versions(value: LocalizedText | None, language: str) -> dict[str, str]:
    """Every non-empty version by language; a plain string is in `language`."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {language: value}
    return {lang: clean(text) for lang, text in value.items() if text and clean(text)}


def store(activity, name: str, value: LocalizedText, language: str) -> None:
    """Put a text on an activity: the session language's version in the column, all versions
    in `texts` when there is more than one."""
    found = versions(value, language)
    setattr(activity, name, localized(found, language, language))
    texts = dict(activity.texts or {})
    if len(found) > 1 or (found and language not in found):
        texts[name] = found
    else:
        texts.pop(name, None)
    activity.texts = texts or None
