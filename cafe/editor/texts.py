"""A facilitator's texts as the editor stores them: one version per content language."""

from cafe.domain.texts import LocalizedText, localized


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
