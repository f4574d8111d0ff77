"""The settings form of any activity kind, read from its pydantic `Settings`: one widget per
field, labelled in the facilitator's language; and the form's answer back into settings."""

import types
import typing
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel

LABELS = {
    "card_types": _l("Kinds of cards people can post"),
    "premoderation": _l("Approve cards before the projector shows them"),
    "max_cards_per_participant": _l("Cards per person at most"),
    "max_length": _l("Characters per contribution at most"),
    "show_building_blocks": _l("Let people tag a building block of the caring neighbourhood"),
    "wordcloud": _l("Word cloud"),
    "display": _l("The projector shows"),
    "method": _l("Voting method"),
    "source": _l("Board voted on (its place in the agenda; empty: the nearest board before)"),
    "target": _l("Vote on"),
    "dots": _l("Dots per person"),
    "max_dots_per_item": _l("Dots on one item at most"),
    "rank_k": _l("How many items people rank"),
    "reveal": _l("Results"),
    "tables": _l("Tables: a number, or their names one per line"),
    "capacity": _l("People per table"),
    "rounds": _l("Rounds"),
    "last_round_plenary": _l("The last round is a plenary harvest"),
    "harvest_by": _l("Who writes a table's harvest"),
    "hosts": _l("Hosts agreed beforehand, one name per line (at most one per table)"),
    "seating": _l("How people move between rounds"),
    "template": _l("Canvas template"),
    "scope": _l("Canvases"),
    "groups": _l("Names of the groups, one per line"),
    "voting": _l("People can vote on the canvas items"),
    "votes_per_participant": _l("Votes per person"),
    "start_from_priorities": _l("Start from the top priorities of the vote before it"),
    "priorities": _l("How many priorities"),
    "max_items_per_participant": _l("Items per person at most"),
    "statements": _l("Statements, one per line"),
    "seed": _l("Also take statements from"),
    "seed_limit": _l("How many statements to take from there at most"),
    "allow_new": _l("People can add statements"),
    "show_group_on_phones": _l("Phones show the person's opinion group and what it thinks"),
}

OPTIONS = {
    "need": _l("Needs"), "talent": _l("Talents"),
    "wall": _l("The wall of cards"), "cloud": _l("The word cloud"),
    "dot": _l("Dots"), "rank": _l("Ranking"), "rate": _l("Importance and urgency (1–5)"),
    "cards": _l("Cards"), "themes": _l("Themes"),
    "live": _l("Shown live"), "on_reveal": _l("Shown when I reveal them"),
    "host": _l("The table's host"), "anyone": _l("Anyone at the table"),
    "room": _l("One for the whole room"), "table": _l("One per table"),
    "groups": _l("One per named group"),
    "none": _l("Nowhere else"), "board": _l("The cards of a board"),
    "worldcafe": _l("A World Café's harvest"), "delphi": _l("A Delphi study (its number)"),
    "meet_new": _l("Meet as many new people as possible"),
    "visit_every_table": _l("Visit every table once"),
}

KIND_LABELS = {
    "info": _l("Slide: a title and a text"),
    "board": _l("Board of cards: needs and talents"),
    "vote": _l("Vote: dots, ranking or rating"),
    "worldcafe": _l("World Café: tables and rounds"),
    "canvas": _l("Canvas: theory of change and others"),
    "statements": _l("Statements: agree or disagree, opinion groups"),
}

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English", "ar": "العربية"}


def kind_label(name: str) -> str:
    return str(KIND_LABELS.get(name, name))


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
        options = [(v, str(OPTIONS.get(v, v))) for v in values or []]
        if name == "template" and template_options is not None:
            widget, options = "select", template_options
        value = settings.get(name, info.get_default(call_default_factory=True))
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
        if widget == "rounds":
            value = [r.model_dump(mode="json") if isinstance(r, BaseModel) else r for r in value]
        out.append(Widget(name, str(LABELS.get(name, name.replace("_", " "))), widget, value,
                          options, optional))
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
