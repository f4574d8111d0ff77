"""'Export to the neighbourhood analysis': what a session or a Delphi study contributes.

Candidates come from each kind's anonymous `results(activity)` and from `cafe.delphi`'s
`summary(study)`, so hidden cards and names never reach the analysis. A kind that is missing,
or whose results fail, contributes nothing instead of breaking the export.
The facilitator's form is authoritative for its source: ticked candidates are added or updated
(by provenance key), unticked ones and ones that no longer exist (a card hidden since the last
export) are removed. Findings written by hand and those of other sources are never touched.
"""

import logging

from sqlalchemy import select

from cafe.activities import registry
from cafe.delphi import services as delphi
from cafe.domain.findings import delphi_participation, from_delphi, from_results
from cafe.extensions import db
from cafe.neighbourhoods.models import Finding, Neighbourhood
from cafe.participants.counts import participant_counts

log = logging.getLogger(__name__)
MAX_TEXT = 2000


def _results(activity) -> dict:
    kind = registry.get(activity.kind)
    if kind is None:
        return {}
    try:
        return kind.results(activity) or {}
    except Exception:  # one broken kind must not stop the facilitator taking the rest home
        log.exception("results of activity %s (%s) failed", activity.id, activity.kind)
        return {}


def session_candidates(session) -> list[dict]:
    day = session.created_at.date() if session.created_at else None
    label = ", ".join(x for x in (session.title, day.isoformat() if day else "") if x)
    counts = participant_counts(session.id)
    out = [{
        "key": f"s{session.id}:participation", "group": "participation",
        "section": "participation", "text": session.title, "block": None, "position": 0,
        "detail": {"joined": counts["joined"], "by_role": counts["by_role"]},
        "default": True, "kind": "session", "activity_id": None, "activity_title": "",
    }]
    for activity in session.activities:
        kind, results = registry.get(activity.kind), _results(activity)
        prefix = f"s{session.id}:a{activity.id}"
        found = kind.findings(results, prefix) if kind else from_results(results, prefix)
        for candidate in found:
            candidate.update(kind=activity.kind, activity_id=activity.id,
                             activity_title=activity.title)
            out.append(candidate)
    for candidate in out:
        candidate.update(date=day, label=label, session_id=session.id, study_id=None)
    return out


def delphi_summary(study) -> dict:
    return delphi.summary(study) or {}


def study_candidates(study, summary: dict | None = None) -> list[dict]:
    summary = delphi_summary(study) if summary is None else summary
    day = study.created_at.date() if getattr(study, "created_at", None) else None
    prefix = f"d{study.id}"
    out = [{
        "key": f"{prefix}:participation", "group": "participation",
        "section": "participation", "text": study.title, "block": None, "position": 0,
        "detail": {"delphi": True, "round": summary.get("round"),
                   "by_panel": delphi_participation(summary),
                   # Per round and panel, answered of all panelists: the response chart.
                   "response": summary.get("response") or []},
        "default": True,
    }] + from_delphi(summary, prefix)
    label = f"{study.title} (Delphi)"
    for candidate in out:
        candidate.update(kind="delphi", date=day, label=label, session_id=None,
                         study_id=study.id, activity_id=None, activity_title="")
    return out


def _existing(hood: Neighbourhood, prefix: str) -> dict[str, Finding]:
    rows = db.session.scalars(select(Finding).where(
        Finding.neighbourhood_id == hood.id, Finding.source_key.startswith(prefix + ":")))
    return {f.source_key: f for f in rows}


def existing_texts(hood: Neighbourhood, candidates: list[dict]) -> dict[str, str]:
    """The wording already in the analysis, so exporting again starts from the edited text."""
    keys = [c["key"] for c in candidates]
    if not keys:
        return {}
    rows = db.session.execute(select(Finding.source_key, Finding.text).where(
        Finding.neighbourhood_id == hood.id, Finding.source_key.in_(keys)))
    return dict(rows.all())


def apply(hood: Neighbourhood, prefix: str, candidates: list[dict],
          chosen: dict[str, str]) -> int:
    """Upsert the chosen candidates (key -> the facilitator's wording) and remove this
    source's other findings. Returns how many findings the source now has."""
    existing = _existing(hood, prefix)
    kept = set()
    for candidate in candidates:
        key = candidate["key"]
        if key not in chosen:
            continue
        text = " ".join((chosen[key] or "").split())[:MAX_TEXT] or candidate["text"][:MAX_TEXT]
        finding = existing.get(key)
        if finding is None:
            finding = Finding(neighbourhood_id=hood.id, source_key=key)
            db.session.add(finding)
        finding.section = candidate["section"]
        finding.text = text
        finding.detail = candidate.get("detail") or {}
        finding.building_block = candidate.get("block")
        finding.position = candidate.get("position") or 0
        finding.source_kind = candidate.get("kind") or "session"
        finding.source_label = (candidate.get("label") or "")[:300]
        finding.source_date = candidate.get("date")
        finding.session_id = candidate.get("session_id")
        finding.activity_id = candidate.get("activity_id")
        finding.activity_title = (candidate.get("activity_title") or "")[:200]
        finding.study_id = candidate.get("study_id")
        kept.add(key)
    for key, finding in existing.items():
        if key not in kept:
            db.session.delete(finding)
    db.session.flush()
    return len(kept)


def export_session(hood: Neighbourhood, session, chosen: dict[str, str]) -> int:
    count = apply(hood, f"s{session.id}", session_candidates(session), chosen)
    session.neighbourhood_id = hood.id
    db.session.flush()
    return count


def export_study(hood: Neighbourhood, study, chosen: dict[str, str],
                 summary: dict | None = None) -> int:
    count = apply(hood, f"d{study.id}", study_candidates(study, summary), chosen)
    study.neighbourhood_id = hood.id
    db.session.flush()
    return count


def everything(candidates: list[dict]) -> dict[str, str]:
    """What the form sends when the facilitator leaves the defaults: the ticked candidates."""
    return {c["key"]: c["text"] for c in candidates if c.get("default")}


def kind_groups() -> dict[str, str]:
    """The export form's groups that kinds add: {group key: label}."""
    return {kind.findings_group[0]: str(kind.findings_group[1])
            for kind in registry.all_kinds().values() if kind.findings_group}
