"""The neighbourhood analysis: figures, findings with their provenance, stakeholders."""

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.core import Refusal
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.domain.figures import FigureError, parse_figures
from cafe.extensions import db
from cafe.live.offload import offload
from cafe.neighbourhoods.models import (
    MANUAL_SECTIONS,
    STAKEHOLDER_LEVELS,
    Figure,
    Finding,
    Neighbourhood,
    Stakeholder,
)

MAX_TEXT = 2000


def _figure_message(exc: FigureError):
    if exc.code == "empty_name":
        return _l("Line %(line)s has no name.", line=exc.params.get("line"))
    if exc.code == "too_many":
        return _l("At most %(max)s figures at once.", max=exc.params.get("max"))
    if exc.code == "no_header":
        return _l("The first line must name the columns: at least a name (or indicator) "
                  "and a value.")
    if exc.code == "too_wide":
        return _l("The file has too many columns (at most %(max)s).", max=exc.params.get("max"))
    if exc.code == "too_long":
        return _l("A cell of the file is too long (at most %(max)s characters).",
                  max=exc.params.get("max"))
    if exc.code == "unreadable":
        return _l("This file cannot be read as a table. Save it from your spreadsheet as CSV "
                  "(separated by semicolons or commas) and try again.")
    return _l("The file is empty.")


def _line(text: str | None, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def create(facilitator, name: str, municipality: str = "", description: str = ""):
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise Refusal(
            "invalid", _l("Please give the neighbourhood a name (at most 200 characters).")
        )
    hood = Neighbourhood(facilitator_id=facilitator.id, name=name,
                         municipality=_line(municipality, 200) or None,
                         description=(description or "").strip()[:5000])
    db.session.add(hood)
    db.session.flush()
    return hood


def update(hood: Neighbourhood, name: str, municipality: str, description: str) -> None:
    name = _line(name, 201)
    if not name or len(name) > 200:
        raise Refusal(
            "invalid", _l("Please give the neighbourhood a name (at most 200 characters).")
        )
    hood.name = name
    hood.municipality = _line(municipality, 200) or None
    hood.description = (description or "").strip()[:5000]
    db.session.flush()


def import_figures(hood: Neighbourhood, text: str) -> int:
    """Add the figures of a statistics CSV. A figure with the same name and year is replaced,
    so importing a corrected file again does not double the table."""
    try:
        # In a real thread, as all heavy work (tests/live/test_heavy_work_off_the_loop.py): the
        # 500-figure cap keeps even a 1 MB file to tens of milliseconds, but a file that
        # slips past the cap must not freeze every live room.
        rows = offload(parse_figures, text)
    except FigureError as exc:
        raise Refusal("invalid", _figure_message(exc)) from None
    existing = {(f.name.lower(), f.year): f for f in db.session.scalars(
        select(Figure).where(Figure.neighbourhood_id == hood.id))}
    for row in rows:
        figure = existing.get((row["name"].lower(), row["year"]))
        if figure is None:
            figure = Figure(neighbourhood_id=hood.id)
            db.session.add(figure)
            existing[(row["name"].lower(), row["year"])] = figure
        for field, value in row.items():
            setattr(figure, field, value)
    db.session.flush()
    return len(rows)


def clear_figures(hood: Neighbourhood) -> None:
    for figure in db.session.scalars(select(Figure).where(Figure.neighbourhood_id == hood.id)):
        db.session.delete(figure)
    db.session.flush()


def add_stakeholder(hood: Neighbourhood, name: str, type_: str, level: str) -> Stakeholder:
    name = _line(name, 201)
    if not name or len(name) > 200:
        raise Refusal("invalid", _l("Please give the stakeholder a name (at most 200 "
                                    "characters)."))
    if level not in STAKEHOLDER_LEVELS:
        raise Refusal("invalid", _l("Please choose a level of involvement."))
    person = Stakeholder(neighbourhood_id=hood.id, name=name, type=_line(type_, 120),
                         level=level)
    db.session.add(person)
    db.session.flush()
    return person


def owned_row(model, hood: Neighbourhood, row_id: int):
    row = db.session.get(model, row_id)
    if row is None or row.neighbourhood_id != hood.id:
        raise Refusal("not_found", _l("This item is not part of this analysis."))
    return row


def add_finding(hood: Neighbourhood, section: str, text: str, block: str | None = None):
    """A finding the facilitator writes down: how residents experience the neighbourhood, a
    need or talent heard outside the sessions, a policy signal, an open question."""
    text = _line(text, MAX_TEXT + 1)
    if not text or len(text) > MAX_TEXT:
        raise Refusal("invalid", _l("Please write the finding (at most %(n)s characters).",
                                    n=MAX_TEXT))
    if section not in MANUAL_SECTIONS:
        raise Refusal("invalid", _l("Please choose what kind of finding this is."))
    finding = Finding(neighbourhood_id=hood.id, section=section, text=text,
                      building_block=block if block in BUILDING_BLOCKS else None,
                      source_key=f"m{secrets.token_hex(8)}", source_kind="manual",
                      position=_next_position(hood, section), detail={})
    db.session.add(finding)
    db.session.flush()
    return finding


def _next_position(hood: Neighbourhood, section: str) -> int:
    last = db.session.scalar(select(db.func.max(Finding.position)).where(
        Finding.neighbourhood_id == hood.id, Finding.section == section))
    return (last or 0) + 1


def edit_finding(finding: Finding, text: str) -> None:
    text = _line(text, MAX_TEXT + 1)
    if not text or len(text) > MAX_TEXT:
        raise Refusal("invalid", _l("Please write the finding (at most %(n)s characters).",
                                    n=MAX_TEXT))
    finding.text = text
    db.session.flush()


def findings(hood: Neighbourhood) -> list[Finding]:
    return list(db.session.scalars(
        select(Finding).where(Finding.neighbourhood_id == hood.id)
        .order_by(Finding.section, Finding.source_date, Finding.activity_id, Finding.position,
                  Finding.id)))


def analysis_data(hood: Neighbourhood) -> dict:
    """Everything the report needs, as plain data (and the JSON export as it is). Findings hold
    only anonymous results and the facilitator's own wording: never names or tokens."""
    figures = db.session.scalars(select(Figure).where(Figure.neighbourhood_id == hood.id)
                                 .order_by(Figure.id))
    people = db.session.scalars(select(Stakeholder).where(Stakeholder.neighbourhood_id == hood.id)
                                .order_by(Stakeholder.id))
    return {
        "neighbourhood": {"name": hood.name, "municipality": hood.municipality or "",
                          "description": hood.description or ""},
        "figures": [{"name": f.name, "value": f.value, "unit": f.unit, "source": f.source,
                     "year": f.year} for f in figures],
        "findings": [{
            "section": f.section, "text": f.text, "detail": f.detail or {},
            "building_block": f.building_block, "position": f.position,
            "source": {"key": f.source_key, "kind": f.source_kind, "label": f.source_label,
                       "date": f.source_date.isoformat() if f.source_date else None,
                       "session_id": f.session_id, "activity_id": f.activity_id,
                       "activity": f.activity_title, "study_id": f.study_id},
        } for f in findings(hood)],
        "stakeholders": [{"name": s.name, "type": s.type, "level": s.level} for s in people],
    }
