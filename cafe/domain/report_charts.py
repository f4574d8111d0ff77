"""What the report's charts show, as plain data: the document renderers draw these specs
(cafe.reports.charts), so this module, like the rest of the report, needs no plotting library."""

PER_CHART = 12  # bars or statements in one chart: beyond that, labels get too small to read


def _value(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def bars(items: list[tuple[str, object]], axis: str) -> dict | None:
    """The leading items (best first, as given) as horizontal bars; None when there is nothing
    to compare."""
    kept = [(str(label), v) for label, v in ((label, _value(v)) for label, v in items)
            if v is not None][:PER_CHART * 2]
    if not kept:
        return None
    return {"type": "bars", "labels": [label for label, _ in kept],
            "values": [v for _, v in kept], "axis": axis}


def _distribution(value) -> dict[str, int]:
    return {str(k): int(v or 0) for k, v in (value or {}).items()}


def distributions(statements: list[dict], axis: str, before: str) -> list[dict]:
    """Delphi statements' answers on the 1–5 scale, and the round before's when there was
    one, in charts of at most PER_CHART statements."""
    rows = []
    for finding in statements:
        detail = finding.get("detail") or {}
        distribution = _distribution(detail.get("distribution"))
        if not sum(distribution.values()):
            continue
        previous = _distribution(detail.get("previous_distribution"))
        rows.append({"label": finding["text"], "distribution": distribution,
                     "previous": previous if sum(previous.values()) else None})
    return [{"type": "distributions", "rows": rows[i:i + PER_CHART], "axis": axis,
             "before": before} for i in range(0, len(rows), PER_CHART)]


def response(rounds: list[dict], axis: str, round_label: str) -> dict | None:
    """A Delphi study's response rate: per round (a group), per panel (a bar), the panelists
    who answered of all the panel's panelists. round_label has %(n)s for the round's number.
    None when no panel has panelists yet."""
    groups = []
    for entry in rounds or []:
        bars = [{"label": str(p.get("name", "")), "answered": int(p.get("answered") or 0),
                 "size": int(p.get("size") or 0)} for p in entry.get("panels") or []]
        bars = [b for b in bars if b["size"]]
        if bars:
            groups.append({"label": round_label % {"n": entry.get("round")}, "bars": bars})
    if not groups:
        return None
    return {"type": "response", "groups": groups, "axis": axis}
