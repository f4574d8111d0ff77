"""Session plans: TOML files in sessions/ describing an agenda of activities."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class PlanError(ValueError):
    """A plan file that cannot be used; the message names the file (and line, when known)."""


class PlannedActivity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    title: str = Field(min_length=1, max_length=200)
    prompt: str = ""
    settings: dict = Field(default_factory=dict)


class PlanFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    language: str = "nl"
    description: str = ""
    activity: list[PlannedActivity] = Field(min_length=1)


@dataclass
class Plan:
    name: str
    path: Path | None
    title: str
    language: str
    description: str
    activities: list[PlannedActivity] = field(default_factory=list)


def plans_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "sessions"


def load_plan(path: Path, known_kinds=None) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"{path}: {exc.strerror}") from exc
    return parse_plan(text, path.stem, known_kinds, source=path)


def parse_plan(text: str, name: str, known_kinds=None, source: Path | str | None = None) -> Plan:
    """A plan from TOML text (a file, an upload, the library); errors name `source`."""
    where = source if source is not None else name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{where}: {exc}") from exc
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
    return Plan(
        name=name,
        path=source if isinstance(source, Path) else None,
        title=parsed.title,
        language=parsed.language,
        description=parsed.description,
        activities=parsed.activity,
    )


def available_plans(directory: Path | None = None) -> dict[str, Path]:
    directory = directory or plans_dir()
    return {p.stem: p for p in sorted(directory.glob("*.toml"))}
