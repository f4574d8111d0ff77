"""Session plans: TOML files in sessions/ describing an agenda of activities.

One parser (`parse_plan`) reads every plan, from a file or from text someone uploaded; the same
pydantic models check what the agenda editor stores, so a plan and the editor never disagree.
A text a facilitator writes (title, prompt, a round's question) is a string in the plan's
language or a table with one version per language: ``prompt.fr = "..."``.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from flask_babel import lazy_gettext as _l
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from cafe.domain.texts import localized

MAX_TITLE = 200
MAX_PROMPT = 4000
# docs/SECURITY.md: an agenda holds at most 60 activities, from a plan file or the editor.
MAX_ACTIVITIES = 60
MAX_LANGUAGES = 12
LANGUAGE_CODE = r"^[a-z]{2,3}$"


class PlanError(ValueError):
    """A plan file that cannot be used; the message names the file (and line, when known)."""


def _text_check(minimum: int, maximum: int):
    """A text is a string or {language: string}; every version within the limits."""

    def check(value):
        versions = {"": value} if isinstance(value, str) else value
        if len(versions) > MAX_LANGUAGES:
            raise ValueError(f"a text has at most {MAX_LANGUAGES} language versions")
        for lang, text in versions.items():
            if lang and not (2 <= len(lang) <= 3 and lang.isalpha() and lang.islower()):
                raise ValueError("a language code is two or three lower-case letters")
            if len(text) > maximum:
                raise ValueError(f"a text has at most {maximum} characters")
        if minimum and not any(text.strip() for text in versions.values()):
            raise ValueError("a text cannot be empty")
        return value

    return check


TitleText = Annotated[str | dict[str, str], AfterValidator(_text_check(1, MAX_TITLE))]
PromptText = Annotated[str | dict[str, str], AfterValidator(_text_check(0, MAX_PROMPT))]


class PlannedActivity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    title: TitleText
    prompt: PromptText = ""
    settings: dict = Field(default_factory=dict)


class PlanFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: TitleText
    language: str = Field(default="nl", pattern=LANGUAGE_CODE)
    # The languages the texts are written in; the first is the session's (left out: `language`).
    languages: list[Annotated[str, Field(pattern=LANGUAGE_CODE)]] = Field(
        default_factory=list, max_length=MAX_LANGUAGES
    )
    description: PromptText = ""
    activity: list[PlannedActivity] = Field(min_length=1, max_length=MAX_ACTIVITIES)


@dataclass
class Plan:
    name: str
    path: Path | None
    title: str
    language: str
    description: str
    activities: list[PlannedActivity] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    # The title as written: a string, or {language: title} (`title.fr = "..."`).
    title_text: str | dict[str, str] = ""


def plans_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "sessions"


def parse_plan(
    text: str, name: str, known_kinds=None, path: Path | None = None, source=None
) -> Plan:
    """A plan from TOML text (a file, an upload, the library); errors start with `source` (e.g.
    "The file", translated) or else `name`."""
    where = source if source is not None else name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{where}: {exc}") from exc
    return plan_from_data(data, name, known_kinds, path, source)


def plan_from_data(
    data: dict, name: str, known_kinds=None, path: Path | None = None, source=None
) -> Plan:
    """A plan from TOML already parsed (an upload is parsed off the event loop)."""
    where = source if source is not None else name
    if isinstance(data.get("activity"), list) and len(data["activity"]) > MAX_ACTIVITIES:
        raise PlanError(f"{where}: " + str(_l("An agenda holds at most %(n)s activities.",
                                              n=MAX_ACTIVITIES)))
    try:
        parsed = PlanFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise PlanError(f"{where}: {problems}") from exc
    if known_kinds is not None:
        for index, act in enumerate(parsed.activity):
            if act.kind not in known_kinds:
                raise PlanError(
                    f"{where}: activity[{index}]: unknown kind {act.kind!r} "
                    f"(known: {', '.join(sorted(known_kinds))})"
                )
            kind = known_kinds[act.kind]
            try:
                kind.Settings.model_validate(act.settings, context={"plan": True})
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
                    for err in exc.errors()
                )
                raise PlanError(f"{where}: activity[{index}].settings: {problems}") from exc
    languages = list(dict.fromkeys([parsed.language, *parsed.languages]))
    return Plan(
        name=Path(name).stem,
        path=path,
        title=localized(parsed.title, parsed.language),
        language=parsed.language,
        description=localized(parsed.description, parsed.language),
        activities=parsed.activity,
        languages=languages,
        title_text=parsed.title,
    )


def load_plan(path: Path, known_kinds=None) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"{path}: {exc.strerror}") from exc
    return parse_plan(text, str(path), known_kinds, path=path)


def available_plans(directory: Path | None = None) -> dict[str, Path]:
    directory = directory or plans_dir()
    return {p.stem: p for p in sorted(directory.glob("*.toml"))}
