"""Agendas as plan files: from a session to the plan schema's shape, and out as TOML text."""

import re
import tomllib

import tomli_w

from cafe.sessions.models import CafeSession


def _without_none(value):
    """TOML has no null: a setting left empty is simply not written (its default applies)."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def plan_content(session: CafeSession, title: str, description: str = "") -> dict:
    """The session's agenda in the plan file's shape (no contributions, no statuses)."""
    activities = []
    for activity in session.activities:
        # Every language's version: a text is a string or a {language: text} table.
        entry = {"kind": activity.kind, "title": activity.text("title")}
        if activity.text("prompt"):
            entry["prompt"] = activity.text("prompt")
        if activity.settings:
            entry["settings"] = _without_none(dict(activity.settings))
        activities.append(entry)
    # The session's own title goes out with all its versions (`title.fr = ...`); a title the
    # facilitator typed for the plan is theirs, in the session's language.
    content = {"title": session.text("title") if title == session.title else title,
               "language": session.language}
    languages = (session.settings or {}).get("languages") or []
    if [lang for lang in languages if lang != session.language]:
        content["languages"] = list(dict.fromkeys([session.language, *languages]))
    if description:
        content["description"] = description
    content["activity"] = activities
    return content


def to_toml(content: dict) -> str:
    return tomli_w.dumps(_without_none(content), multiline_strings=True)


def syntax_error_line(text: str) -> int | None:
    """The line of the first TOML syntax error, or None when the text is valid TOML."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        return int(found.group(1)) if found else 1
    return None
