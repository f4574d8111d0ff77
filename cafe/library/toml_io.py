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


# Plans nest a few levels (an activity's settings, a round, a text's languages); tomllib recurses
# once per level of inline tables and arrays (a RecursionError past ~1,000) and takes seconds
# on a header thousands of keys deep, so an upload deeper than this is refused unparsed.
MAX_NESTING = 16
_RESETS = frozenset("=,\n[]{}")


def nesting(text: str) -> int:
    """How deep the TOML text nests, counted without parsing it: open brackets and braces plus
    the dots of a dotted key or table header (`[a.b.c]`, `a.b.c = 1`), strings and comments
    skipped. Linear in the text; an over-estimate at worst (a float's dot counts one)."""
    deepest = depth = dots = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if len(quote) == 1 and text[j] == "\n":
                    break
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in _RESETS:
            dots = 0
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c == ".":
            dots += 1
        deepest = max(deepest, depth + dots)
        i += 1
    return deepest


class TooDeep(ValueError):
    """An upload nested deeper than MAX_NESTING: refused before tomllib sees it."""


def load_upload(text: str) -> dict:
    """An uploaded plan's TOML as data: its nesting checked first, then parsed. Plain data in
    and out, so it runs in an OS thread (`cafe.live.offload`), never on the event loop;
    raises TooDeep or tomllib.TOMLDecodeError."""
    if nesting(text) > MAX_NESTING:
        raise TooDeep(MAX_NESTING)
    return tomllib.loads(text)


def error_line(exc: tomllib.TOMLDecodeError) -> int:
    found = re.search(r"line (\d+)", str(exc))
    return int(found.group(1)) if found else 1
