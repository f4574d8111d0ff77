"""An indicator over time: SVG for the web, PNG for the DOCX and PDF report. Drawn with
matplotlib's object API (no pyplot state, safe in a thread), in the report's colours."""

import io

from matplotlib import dates as mdates
from matplotlib import rc_context
from matplotlib.figure import Figure

from cafe.reports.charts import ACCENT, _label

BASELINE = "#6b6b6b"
TARGET = "#e69f00"


def figure(spec: dict) -> Figure:
    """spec: {"points": [(date, value)], "baseline", "target", "unit", "labels": {baseline,
    target}}. The baseline is a dashed line, the target a dotted one, each named in the legend,
    so neither relies on colour alone."""
    fig = Figure(figsize=(6.0, 2.6))
    axes = fig.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    points = spec.get("points") or []
    labels = spec.get("labels") or {}
    axes.axhline(spec["baseline"], color=BASELINE, linestyle="--", linewidth=1.2,
                 label=_label(f"{labels.get('baseline', 'baseline')}: {_n(spec['baseline'])}",
                              60, 1))
    if spec.get("target") is not None:
        axes.axhline(spec["target"], color=TARGET, linestyle=":", linewidth=1.6,
                     label=_label(f"{labels.get('target', 'target')}: {_n(spec['target'])}",
                                  60, 1))
    if points:
        days, values = zip(*points, strict=True)
        axes.plot(days, values, color=ACCENT, marker="o", linewidth=2)
        for day, value in points:
            axes.annotate(_n(value), (day, value), textcoords="offset points", xytext=(0, 6),
                          ha="center", fontsize=8)
        locator = mdates.AutoDateLocator(maxticks=6)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.set_ylabel(_label(spec.get("unit") or "", 30, 1), fontsize=8.5)
    axes.tick_params(labelsize=8)
    axes.legend(loc="best", fontsize=8, frameon=False)
    axes.margins(y=0.25)
    fig.tight_layout()
    return fig


def _n(value: float) -> str:
    return f"{value:g}"


def svg(spec: dict) -> bytes:
    out = io.BytesIO()
    # Text stays text (smaller, readable by screen readers and searchable).
    with rc_context({"svg.fonttype": "none"}):
        figure(spec).savefig(out, format="svg", facecolor="white")
    return out.getvalue()


def png(spec: dict) -> bytes:
    out = io.BytesIO()
    figure(spec).savefig(out, format="png", dpi=150, facecolor="white")
    return out.getvalue()


def spec(indicator: dict, labels: dict) -> dict:
    return {"points": indicator["points"], "baseline": indicator["baseline"],
            "target": indicator["target"], "unit": indicator["unit"], "labels": labels}
