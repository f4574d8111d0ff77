"""The neighbourhood analysis: figures, findings with their provenance, stakeholders, and what
a session contributes to it."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.activities import registry
from cafe.domain.figures import FigureError, parse_figures
from cafe.extensions import db
from cafe.live.errors import Refusal
from cafe.live.state import participant_counts
from cafe.neighbourhoods.models import (
    STAKEHOLDER_LEVELS,
    Figure,
    Finding,
    Neighbourhood,
    Stakeholder,
)


def create(facilitator, name: str, municipality: str = "", description: str = ""):
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise Refusal(
            "invalid", _l("Please give the neighbourhood a name (at most 200 characters).")
        )
    hood = Neighbourhood(facilitator_id=facilitator.id, name=name,
                         municipality=(municipality or "").strip()[:200] or None,
                         description=(description or "").strip()[:5000])
    db.session.add(hood)
    db.session.flush()
    return hood


def import_figures(hood: Neighbourhood, text: str) -> int:
    try:
        rows = parse_figures(text)
    except FigureError as exc:
        raise Refusal("invalid", str(exc)) from None
    for row in rows:
        db.session.add(Figure(neighbourhood_id=hood.id, **row))
    db.session.flush()
    return len(rows)


def add_stakeholder(hood: Neighbourhood, name: str, kind: str, level: str) -> Stakeholder:
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise Refusal("invalid", _l("Please give the stakeholder a name."))
    if level not in STAKEHOLDER_LEVELS:
        raise Refusal("invalid", _l("Please choose a level of involvement."))
    person = Stakeholder(neighbourhood_id=hood.id, name=name, kind=(kind or "")[:120],
                         level=level)
    db.session.add(person)
    db.session.flush()
    return person


def candidates(session) -> list[dict]:
    """What a session can contribute: one entry per finding, each with a stable source key.
    Built from the kinds' anonymous results(), so hidden cards never appear."""
    date = session.created_at.date().isoformat() if session.created_at else ""
    out = []
    counts = participant_counts(session.id)
    out.append({
        "key": f"s{session.id}:participation", "section": "participation",
        "text": f"{session.title} ({date}): {counts['joined']}",
        "detail": {"by_role": counts["by_role"]}, "position": 0,
        "label": f"{session.title}, {date}",
    })
    for activity in session.activities:
        kind = registry.get(activity.kind)
        if kind is None:
            continue
        results = kind.results(activity) or {}
        label = f"{session.title}, {date}, {activity.title}"
        prefix = f"s{session.id}:a{activity.id}"
        if results.get("type") == "board":
            for card in results.get("cards", []):
                out.append({"key": f"{prefix}:card{card['id']}", "section": card["type"],
                            "text": card["text"], "block": card.get("building_block"),
                            "detail": {"merged": len(card.get("merged_from") or [])},
                            "position": card["id"], "label": label})
        elif results.get("type") == "vote":
            for row in results.get("ranking", []):
                out.append({"key": f"{prefix}:{row['target']}{row['id']}", "section": "priority",
                            "text": row["text"], "position": row["rank"], "label": label,
                            "detail": {"rank": row["rank"], "score": row["score"],
                                       "tied": row.get("tied", False),
                                       "voters": results.get("voters")}})
        elif results.get("type") == "worldcafe":
            for harvest in results.get("harvests", []):
                for n, item in enumerate(harvest.get("items", [])):
                    section = "question" if item.get("category") == "question" else "harvest"
                    out.append({"key": f"{prefix}:h{harvest['table']}-{harvest['round']}-{n}",
                                "section": section, "text": item["text"], "position": n,
                                "label": label, "detail": {"category": item.get("category")}})
        elif results.get("type") == "canvas":
            for canvas in results.get("canvases", []):
                for field in canvas.get("fields", []):
                    for item in field.get("items", []):
                        out.append({"key": f"{prefix}:i{item['id']}", "section": "canvas",
                                    "text": item["text"], "position": item["id"],
                                    "label": label,
                                    "detail": {"canvas": canvas.get("title", ""),
                                               "field": field.get("label", field.get("key"))}})
    return out


def export_session(hood: Neighbourhood, session, chosen: dict[str, str]) -> int:
    """Add the chosen findings (key -> the facilitator's wording); upsert by source key."""
    existing = {f.source_key: f for f in db.session.scalars(
        select(Finding).where(Finding.neighbourhood_id == hood.id))}
    count = 0
    for candidate in candidates(session):
        if candidate["key"] not in chosen:
            continue
        text = " ".join((chosen[candidate["key"]] or candidate["text"]).split())[:2000]
        finding = existing.get(candidate["key"]) or Finding(
            neighbourhood_id=hood.id, source_key=candidate["key"])
        finding.section = candidate["section"]
        finding.text = text
        finding.detail = candidate.get("detail") or {}
        finding.building_block = candidate.get("block")
        finding.position = candidate.get("position") or 0
        finding.source_label = candidate["label"][:300]
        finding.session_id = session.id
        db.session.add(finding)
        count += 1
    session.neighbourhood_id = hood.id
    db.session.flush()
    return count


def export_delphi(hood: Neighbourhood, summary: dict, label: str, prefix: str) -> int:
    """Delphi consensus, dissent and undecided statements, with their arguments."""
    chosen = 0
    existing = {f.source_key: f for f in db.session.scalars(
        select(Finding).where(Finding.neighbourhood_id == hood.id))}
    for n, statement in enumerate(summary.get("statements", [])):
        key = f"{prefix}:st{statement.get('id', n)}"
        finding = existing.get(key) or Finding(neighbourhood_id=hood.id, source_key=key)
        finding.section = statement.get("classification", "undecided")
        finding.text = statement["text"]
        finding.detail = {"arguments": statement.get("arguments", [])[:10]}
        finding.position = n
        finding.source_label = label[:300]
        db.session.add(finding)
        chosen += 1
    db.session.flush()
    return chosen


def analysis_data(hood: Neighbourhood) -> dict:
    """Everything the report needs, as plain data (and the JSON export as it is)."""
    findings = db.session.scalars(select(Finding).where(Finding.neighbourhood_id == hood.id)
                                  .order_by(Finding.section, Finding.position))
    figures = db.session.scalars(select(Figure).where(Figure.neighbourhood_id == hood.id)
                                 .order_by(Figure.id))
    people = db.session.scalars(select(Stakeholder).where(Stakeholder.neighbourhood_id == hood.id)
                                .order_by(Stakeholder.id))
    return {
        "neighbourhood": {"name": hood.name, "municipality": hood.municipality or "",
                          "description": hood.description or ""},
        "figures": [{"name": f.name, "value": f.value, "unit": f.unit, "source": f.source,
                     "year": f.year} for f in figures],
        "findings": [{"section": f.section, "text": f.text, "detail": f.detail or {},
                      "building_block": f.building_block, "position": f.position,
                      "source_label": f.source_label} for f in findings],
        "stakeholders": [{"name": s.name, "kind": s.kind, "level": s.level} for s in people],
    }
