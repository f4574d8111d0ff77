"""Reading a trajectory: one dictionary that the console, the public page, the report, the
exports and the API all show, so they cannot disagree. Anonymous by construction: actions,
indicators and updates hold no participant, and the timeline lists sessions by title only."""

from datetime import date

from sqlalchemy import select

from cafe.delphi.models import Study
from cafe.extensions import db
from cafe.neighbourhoods.models import Finding, Neighbourhood
from cafe.sessions.models import CafeSession
from cafe.trajectory import domain
from cafe.trajectory.models import Action, Indicator, IndicatorValue, PublicPage, Update

# Findings residents chose that actions may answer; in this order on the action form.
SOURCE_SECTIONS = ("priority", "harvest", "idea", "canvas", "consensus")


def _studies(hood: Neighbourhood) -> list:
    return list(db.session.scalars(select(Study).where(Study.neighbourhood_id == hood.id)
                                   .order_by(Study.created_at)))


def timeline(hood: Neighbourhood) -> list[dict]:
    """Sessions and Delphi studies linked to the neighbourhood, oldest first."""
    rows = [{"kind": "session", "id": s.id, "title": s.title,
             "day": s.created_at.date() if s.created_at else None}
            for s in db.session.scalars(select(CafeSession)
                                        .where(CafeSession.neighbourhood_id == hood.id))]
    rows += [{"kind": "delphi", "id": s.id, "title": s.title,
              "day": s.created_at.date() if s.created_at else None} for s in _studies(hood)]
    return sorted(rows, key=lambda r: (r["day"] or date.min, r["kind"], r["id"]))


def sources(hood: Neighbourhood) -> list[Finding]:
    """What residents said that an action or an indicator can come from."""
    rows = db.session.scalars(select(Finding).where(
        Finding.neighbourhood_id == hood.id, Finding.section.in_(SOURCE_SECTIONS)))
    order = {s: n for n, s in enumerate(SOURCE_SECTIONS)}
    return sorted(rows, key=lambda f: (order[f.section], f.source_key.split(":")[0], f.position))


def priorities(hood: Neighbourhood) -> list[dict]:
    rows = db.session.scalars(select(Finding).where(Finding.neighbourhood_id == hood.id,
                                                    Finding.section == "priority")
                              .order_by(Finding.source_date, Finding.position))
    return [{"text": f.text, "source": f.source_label, "day": f.source_date,
             "rank": (f.detail or {}).get("rank")} for f in rows]


def _action(action: Action, updates: list[Update], since, until) -> dict:
    changes = [domain.Change(u.day, u.status) for u in updates if u.kind == "status"]
    history = domain.status_history(action.created_on, changes)
    return {
        "id": action.id, "title": action.title, "answers": action.answers,
        "carrier": action.carrier, "building_block": action.building_block,
        "start_date": action.start_date, "due_date": action.due_date,
        "status": action.status, "reason": action.reason,
        "source": {"kind": action.source_kind, "label": action.source_label,
                   "key": action.source_key},
        "history": [{"day": c.day, "status": c.status} for c in history],
        "updates": [{"day": u.day, "kind": u.kind, "status": u.status, "text": u.text,
                     "detail": u.detail or {}} for u in updates],
        "changed": bool(domain.changed_in(history, since, until))
        or any(domain.in_period(u.day, since, until) for u in updates),
        "status_at_start": domain.status_on(history, since) if since else None,
    }


def _indicator(indicator: Indicator, values: list[IndicatorValue]) -> dict:
    values = sorted(values, key=lambda v: (v.day, v.id))
    latest = values[-1].value if values else None
    return {
        "id": indicator.id, "name": indicator.name, "unit": indicator.unit,
        "direction": indicator.direction, "baseline": indicator.baseline,
        "baseline_date": indicator.baseline_date, "target": indicator.target,
        "source": indicator.source_label,
        "values": [{"day": v.day, "value": v.value, "kind": v.kind, "source": v.source}
                   for v in values],
        "latest": latest,
        "trend": domain.trend(indicator.direction, indicator.baseline, latest),
        "progress": domain.progress(indicator.direction, indicator.baseline, indicator.target,
                                    latest),
        "points": domain.series(indicator.baseline, indicator.baseline_date,
                                [(v.day, v.value) for v in values]),
    }


def trajectory(hood: Neighbourhood, since: date | None = None,
               until: date | None = None) -> dict:
    actions = list(db.session.scalars(select(Action).where(Action.neighbourhood_id == hood.id)
                                      .order_by(Action.created_on, Action.id)))
    updates: dict[int | None, list[Update]] = {}
    for update in db.session.scalars(select(Update).where(Update.neighbourhood_id == hood.id)
                                     .order_by(Update.day, Update.id)):
        updates.setdefault(update.action_id, []).append(update)
    indicators = list(db.session.scalars(select(Indicator)
                                         .where(Indicator.neighbourhood_id == hood.id)
                                         .order_by(Indicator.id)))
    values: dict[int, list[IndicatorValue]] = {}
    if indicators:
        for value in db.session.scalars(select(IndicatorValue).where(
                IndicatorValue.indicator_id.in_([i.id for i in indicators]))):
            values.setdefault(value.indicator_id, []).append(value)
    adapt = [u for u in updates.get(None, []) if u.kind == "adapt"]
    last_lookback = max((u.day for u in adapt), default=None)
    page = db.session.get(PublicPage, hood.id)
    return {
        "neighbourhood": {"id": hood.id, "name": hood.name, "municipality": hood.municipality},
        "period": {"since": since, "until": until},
        "published": bool(page and page.published),
        "timeline": timeline(hood),
        "priorities": priorities(hood),
        "actions": [_action(a, updates.get(a.id, []), since, until) for a in actions],
        "indicators": [_indicator(i, values.get(i.id, [])) for i in indicators],
        "lookback": {"day": last_lookback,
                     "adapt": [{"day": u.day, "text": u.text, "detail": u.detail or {}}
                               for u in adapt if u.day == last_lookback]},
    }


def jsonable(value):
    """Dates as ISO text; the chart points (only for drawing) left out."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "points"}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def by_status(actions: list[dict]) -> list[tuple[str, list[dict]]]:
    return [(s, [a for a in actions if a["status"] == s]) for s in domain.STATUSES
            if any(a["status"] == s for a in actions)]
