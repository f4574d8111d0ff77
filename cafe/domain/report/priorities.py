"""The priorities chapter: one table and one chart per vote, in the vote's own measure."""

from cafe.domain import report_charts
from cafe.domain.report.blocks import Block
from cafe.domain.report.builder import Builder, grouped, source_of
from cafe.domain.report.rounding import number


def priority_columns(method: str) -> list[str]:
    return {"rank": ["borda", "first_choices"], "rate": ["importance", "urgency", "n"]}.get(
        method, ["dots"])


def priority_tables(b: Builder, priorities: list[dict]) -> None:
    for group in grouped(priorities):
        group.sort(key=lambda f: ((f.get("detail") or {}).get("rank") or 0, f.get("position", 0)))
        detail = group[0].get("detail") or {}
        method = detail.get("method", "dot")
        source = source_of(group[0])
        b.add(Block("h3", source.get("activity") or b.t("priorities")))
        note = b.t("voters", n=detail.get("voters") or 0, method=b.t(f"method_{method}"))
        b.add(Block("note", f"{note} {source.get('label') or ''}".strip()))
        columns = priority_columns(method)
        rows, scores = [], []
        for finding in group:
            d = finding.get("detail") or {}
            place = number(d.get("rank")) + ("=" if d.get("tied") else "")
            values = [number(d.get(c, d.get("score") if c == "dots" else None)) for c in columns]
            rows.append([place, finding["text"], *values])
            scores.append((finding["text"], d.get(columns[0], d.get("score"))))
        b.add(Block("table", headers=[b.t("rank"), b.t("priority"),
                                      *[b.t(f"col_{c}") for c in columns]],
                    widths=[10, 60, *[30 // len(columns)] * len(columns)], rows=rows))
        b.chart(report_charts.bars(scores, b.t(f"col_{columns[0]}")),
                b.t("chart_priorities", activity=source.get("activity") or b.t("priorities")))
