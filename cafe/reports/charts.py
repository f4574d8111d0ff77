"""The report's charts as PNG images, drawn with matplotlib from the specs in cafe.domain.report.

Called by the document renderers, so they run in the report job's thread, never on the event
loop. Figures are built with the object API (no pyplot state), which is safe in a thread.
Matplotlib shapes Arabic and lays it out right to left itself (libraqm), so labels in any
language are drawn as written.
"""

import io
import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from cafe.reports.glyphs import printable

ACCENT = "#0b5e55"
# Five steps from "disagree" to "agree" that stay distinct in greyscale print.
SCALE_COLOURS = ["#8c2d04", "#e6550d", "#bdbdbd", "#74c476", "#0b5e55"]
# One colour per Delphi panel (Okabe–Ito, colour-blind safe; dark first, told apart in greyscale
# too); the panel's name is beside every bar, so the colour never carries the meaning alone.
PANEL_COLOURS = ["#0b5e55", "#e69f00", "#56b4e9", "#cc79a7", "#009e73", "#d55e00", "#0072b2",
                 "#999999"]
WIDTH = 7.0  # inches: the usable width of an A4 page at 100 dpi-ish scale


def _label(text: str, width: int = 38, lines: int = 3, mark: str = "emoji") -> str:
    # A lone "$" would switch matplotlib into maths mode; an emoji the font lacks is marked.
    text = printable(str(text), mark).replace("$", r"\$")
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped)


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, bbox_inches="tight", facecolor="white")
    return out.getvalue()


def _figure(rows: int, per_row: float = 0.42):
    figure = Figure(figsize=(WIDTH, max(1.6, 0.8 + rows * per_row)))
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure, axes


def bars(spec: dict) -> bytes:
    """Horizontal bars, best first at the top: {"labels", "values", "axis"}."""
    labels, values = spec["labels"], [float(v or 0) for v in spec["values"]]
    figure, axes = _figure(len(labels))
    positions = range(len(labels))[::-1]
    drawn = axes.barh(list(positions), values, color=ACCENT, height=0.65)
    mark = spec.get("mark", "emoji")
    axes.set_yticks(list(positions), [_label(t, mark=mark) for t in labels], fontsize=8.5)
    axes.bar_label(drawn, labels=[_number(v) for v in values], padding=3, fontsize=8)
    axes.set_xlabel(_label(spec.get("axis", ""), 80), fontsize=8.5)
    axes.set_xlim(0, max(values + [1]) * 1.12)
    if all(float(v).is_integer() for v in values):
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelsize=8)
    return _png(figure)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def distributions(spec: dict) -> bytes:
    """Per statement, the share of answers at each point of the 1–5 scale, as one stacked bar;
    with the round before as a thinner bar above it when there was one (the shift)."""
    rows = spec["rows"]
    shifted = any(row.get("previous") for row in rows)
    figure, axes = _figure(len(rows), 0.62 if shifted else 0.42)
    ticks, names = [], []
    for index, row in enumerate(rows):
        y = (len(rows) - 1 - index) * (1.4 if shifted else 1.0)
        _stacked(axes, y, row["distribution"], 0.55)
        if row.get("previous"):
            _stacked(axes, y + 0.5, row["previous"], 0.28, alpha=0.55)
        ticks.append(y + (0.2 if shifted else 0))
        names.append(_label(row["label"], mark=spec.get("mark", "emoji")))
    axes.set_yticks(ticks, names, fontsize=8)
    axes.set_xlim(0, 100)
    axes.set_xlabel(_label(spec.get("axis", ""), 80), fontsize=8.5)
    axes.tick_params(axis="x", labelsize=8)

    handles = [Patch(color=c, label=str(n)) for n, c in enumerate(SCALE_COLOURS, 1)]
    if shifted:
        handles.append(Patch(color="#999999", alpha=0.55, label=_label(spec.get("before", ""))))
    axes.legend(handles=handles, ncols=len(handles), fontsize=7.5, frameon=False,
                loc="lower left", bbox_to_anchor=(0, 1.0))
    return _png(figure)


def _stacked(axes, y: float, distribution: dict, height: float, alpha: float = 1.0) -> None:
    counts = [int((distribution or {}).get(str(point), 0) or 0) for point in range(1, 6)]
    total = sum(counts) or 1
    left = 0.0
    for count, colour in zip(counts, SCALE_COLOURS, strict=True):
        share = 100 * count / total
        if share:
            axes.barh(y, share, left=left, height=height, color=colour, alpha=alpha,
                      edgecolor="white", linewidth=0.5)
        left += share


def response_figure(spec: dict):
    """Grouped horizontal bars, one group per round (its name above it), one bar per panel in
    the same colour every round: the share that answered, with answered/panelists beside it.
    The figure itself, so a test can count its bars and labels."""
    groups = spec["groups"]
    colours: dict[str, str] = {}
    mark = spec.get("mark", "emoji")
    ticks, names, shares, counts, fills, headings = [], [], [], [], [], []
    y = 0.0
    for group in groups:
        headings.append((y, group["label"]))
        y += 0.9  # room for the round's name above its bars
        for bar in group["bars"]:
            colour = colours.setdefault(bar["label"],
                                        PANEL_COLOURS[len(colours) % len(PANEL_COLOURS)])
            ticks.append(y)
            names.append(_label(bar["label"], 30, 2, mark))
            shares.append(100 * bar["answered"] / bar["size"] if bar["size"] else 0.0)
            counts.append(f"{bar['answered']}/{bar['size']}")
            fills.append(colour)
            y += 1.0
        y += 0.4  # a gap between rounds
    figure, axes = _figure(len(ticks) + len(groups), 0.36)
    drawn = axes.barh(ticks, shares, color=fills, height=0.72, edgecolor="white")
    axes.bar_label(drawn, labels=counts, padding=3, fontsize=8)
    axes.set_yticks(ticks, names, fontsize=8.5)
    for at, text in headings:
        axes.text(0, at + 0.2, _label(text, 60, 1, mark), fontsize=9, fontweight="bold",
                  va="center", ha="left")
    axes.set_ylim(y - 0.2, -0.5)  # the first round at the top
    axes.set_xlim(0, 112)  # room for the n/N beside a full bar
    axes.set_xticks(range(0, 101, 20))
    axes.set_xlabel(_label(spec.get("axis", ""), 80), fontsize=8.5)
    axes.tick_params(axis="x", labelsize=8)
    return figure


def response(spec: dict) -> bytes:
    return _png(response_figure(spec))


RENDERERS = {"bars": bars, "distributions": distributions, "response": response}


def render(spec: dict) -> bytes:
    return RENDERERS[spec["type"]](spec)
