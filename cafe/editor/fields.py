"""The settings form of any activity kind, read from its pydantic `Settings`: one widget per
field, labelled in the facilitator's language with the field's `title` (and its choices with
`json_schema_extra["options"]`); and the form's answer back into settings."""

import types
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel

from cafe.activities import registry

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية"}


def kind_label(name: str) -> str:
    """The kind's own words for itself (`ActivityKind.label`); a kind no longer installed
    shows its name."""
    kind = registry.get(name)
    return kind.label() if kind else name


# Set while a session runs (participant ids), not in the editor.
SKIPPED = {"constraints"}


@dataclass
class Widget:
    name: str
    label: str
    kind: str  # checkbox | number | select | checks | lines | tables | rounds | text
    value: typing.Any
    options: list[tuple[str, str]] = field(default_factory=list)
    optional: bool = False
    help: str = ""  # the field's plain-words `description`
    # Shown only when another field has one of these values ({"method": ["dot"]}); the form
    # shows every field without JavaScript.
    when: dict = field(default_factory=dict)
    glossary: str = ""  # the anchor of the glossary entry the help line links to


def _literal_values(annotation) -> list[str] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    return None


def _parts(annotation) -> tuple:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _kind_of(name: str, annotation) -> tuple[str, list[str] | None, bool]:
    parts = _parts(annotation)
    optional = type(None) in parts
    parts = tuple(p for p in parts if p is not type(None))
    if len(parts) == 2 and int in parts:
        return "tables", None, optional
    (one,) = parts[:1] or (str,)
    if one is bool:
        return "checkbox", None, optional
    if one is int:
        return "number", None, optional
    values = _literal_values(one)
    if values:
        return "select", values, optional
    if typing.get_origin(one) is list:
        (item,) = typing.get_args(one) or (str,)
        values = _literal_values(item)
        if values:
            return "checks", values, optional
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "rounds", None, optional
        return "lines", None, optional
    return "text", None, optional


def widgets(kind, settings: dict, template_options=None) -> list[Widget]:
    out = []
    for name, info in kind.Settings.model_fields.items():
        if name in SKIPPED:
            continue
        widget, values, optional = _kind_of(name, info.annotation)
        # The kind's Settings name each field (`title`) and each choice (`options`).
        labels = (info.json_schema_extra or {}).get("options", {})
        options = [(v, str(labels.get(v, v))) for v in values or []]
        if name == "template" and template_options is not None:
            widget, options = "select", template_options
        value = settings.get(name, info.get_default(call_default_factory=True))
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
        if widget == "rounds":
            value = [r.model_dump(mode="json") if isinstance(r, BaseModel) else r for r in value]
        label = str(info.title) if info.title else name.replace("_", " ")
        extra = info.json_schema_extra or {}
        out.append(Widget(name, label, widget, value, options, optional,
                          help=str(info.description or ""), when=extra.get("when", {}),
                          glossary=extra.get("glossary", "")))
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _number(text: str):
    text = (text or "").strip()
    try:
        return int(text)
    except ValueError:
        return text  # pydantic then says "a whole number", in the facilitator's language


def settings_from_form(kind, form, languages: list[str], current: dict) -> dict:
    """Settings as the form gave them; fields the editor does not show keep their value."""
    out = {k: v for k, v in (current or {}).items() if k in SKIPPED}
    for widget in widgets(kind, current or {}):
        name = widget.name
        raw = form.get(name, "")
        if widget.kind == "checkbox":
            out[name] = name in form
        elif widget.kind == "number":
            if widget.optional and not raw.strip():
                out[name] = None
            else:
                out[name] = _number(raw)
        elif widget.kind in ("select", "text"):
            out[name] = raw
        elif widget.kind == "checks":
            out[name] = form.getlist(name)
        elif widget.kind == "lines":
            out[name] = _lines(raw)
        elif widget.kind == "tables":
            names = _lines(raw)
            out[name] = _number(names[0]) if len(names) == 1 and names[0].isdigit() else names
        elif widget.kind == "rounds":
            out[name] = rounds_from_form(form, languages)
    return out


def rounds_from_form(form, languages: list[str]) -> list[dict]:
    """Rows round-1-…; a row with no question in any language and no minutes is left out,
    as is a row marked for removal."""
    rounds = []
    for number in range(1, 40):
        prefix = f"round-{number}-"
        if prefix + "minutes" not in form:
            break
        if form.get(prefix + "remove"):
            continue
        question = {lang: form.get(f"{prefix}question-{lang}", "").strip() for lang in languages}
        question = {lang: text for lang, text in question.items() if text}
        minutes = form.get(prefix + "minutes", "").strip()
        if not question and not minutes:
            continue
        rounds.append({"question": question, "minutes": _number(minutes) if minutes else 20})
    return rounds
