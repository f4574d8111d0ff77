"""Canvas templates: plain TOML files in sessions/canvases/, so a facilitator can add one.

A template names its fields (the boxes of the canvas), each with a label and help text per
language, and optionally configurations: variants filled in side by side (ICAMO's
community-led, institution-led and hybrid). No Flask, no database.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

KEY = r"^[a-z][a-z0-9_]{0,39}$"
FALLBACK_LANGUAGES = ("en", "nl", "fr")


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file and the line or field."""


def _texts(value: dict[str, str]) -> dict[str, str]:
    cleaned = {lang: " ".join(text.split()) for lang, text in value.items()}
    if not any(cleaned.values()):
        raise ValueError("give at least one language, e.g. en = \"...\"")
    for lang in cleaned:
        if not re.match(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$", lang):
            raise ValueError(f"{lang!r} is not a language code")
    return cleaned


class _Box(BaseModel):
    """A field or a configuration: a key, a label and help text per language."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=KEY)
    label: dict[str, str]
    help: dict[str, str] = Field(default_factory=dict)

    @field_validator("label")
    @classmethod
    def _label(cls, value):
        return _texts(value)


class TemplateField(_Box):
    pass


class TemplateConfiguration(_Box):
    pass


class TemplateFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: dict[str, str]
    description: dict[str, str] = Field(default_factory=dict)
    # The field that the top priorities of a preceding vote go into (start_from_priorities).
    priorities_field: str | None = None
    field: list[TemplateField] = Field(min_length=1, max_length=20)
    configuration: list[TemplateConfiguration] = Field(default_factory=list, max_length=6)

    @field_validator("name")
    @classmethod
    def _name(cls, value):
        return _texts(value)


@dataclass(frozen=True)
class CanvasTemplate:
    key: str
    path: Path
    name: dict
    description: dict
    fields: tuple[dict, ...]
    configurations: tuple[dict, ...]
    priorities_field: str | None

    @property
    def field_keys(self) -> tuple[str, ...]:
        return tuple(f["key"] for f in self.fields)

    @property
    def configuration_keys(self) -> tuple[str, ...]:
        return tuple(c["key"] for c in self.configurations)

    def field(self, key: str) -> dict | None:
        return next((f for f in self.fields if f["key"] == key), None)

    def public(self) -> dict:
        """What the views send: keys, labels and help in every language the file gives."""
        return {
            "key": self.key,
            "name": self.name,
            "fields": [dict(f) for f in self.fields],
            "configurations": [dict(c) for c in self.configurations],
        }


def text_in(texts: dict, language: str) -> str:
    """The text in this language, else English, Dutch, French, else whatever there is."""
    for lang in (language, *FALLBACK_LANGUAGES):
        if texts.get(lang):
            return texts[lang]
    return next((t for t in texts.values() if t), "")


def templates_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "sessions" / "canvases"


def _problem(err) -> str:
    where = []
    for part in err["loc"]:
        if isinstance(part, int):
            where[-1:] = [f"{where[-1]}[{part}]"] if where else [f"[{part}]"]
        else:
            where.append(str(part))
    return f"{'.'.join(where) or 'file'}: {err['msg']}"


def load_template(path: Path) -> CanvasTemplate:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "(at line N, column M)": together with the file, enough to fix it.
        raise TemplateError(f"{path}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from exc
    try:
        parsed = TemplateFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(err) for err in exc.errors())
        raise TemplateError(f"{path}: {problems}") from exc
    keys = [f.key for f in parsed.field]
    if len(set(keys)) != len(keys):
        raise TemplateError(f"{path}: field: a key is used twice ({', '.join(keys)})")
    configs = [c.key for c in parsed.configuration]
    if len(set(configs)) != len(configs):
        raise TemplateError(f"{path}: configuration: a key is used twice ({', '.join(configs)})")
    if parsed.priorities_field is not None and parsed.priorities_field not in keys:
        raise TemplateError(
            f"{path}: priorities_field: {parsed.priorities_field!r} is not one of the fields "
            f"({', '.join(keys)})"
        )
    return CanvasTemplate(
        key=path.stem,
        path=path,
        name=parsed.name,
        description=parsed.description,
        fields=tuple(f.model_dump() for f in parsed.field),
        configurations=tuple(c.model_dump() for c in parsed.configuration),
        priorities_field=parsed.priorities_field,
    )


def available(directory: Path | None = None) -> dict[str, Path]:
    directory = directory or templates_dir()
    return {p.stem: p for p in sorted(directory.glob("*.toml"))}


@lru_cache(maxsize=32)
def _cached(path: Path, mtime_ns: int) -> CanvasTemplate:
    return load_template(path)


def get(key: str, directory: Path | None = None) -> CanvasTemplate:
    """A template by file stem; read again only when the file changed."""
    path = available(directory).get(key)
    if path is None:
        known = ", ".join(available(directory)) or "none"
        raise TemplateError(f"unknown canvas template {key!r} (known: {known})")
    return _cached(path, path.stat().st_mtime_ns)
