"""Server-drawn SVG charts for the Delphi console (no script, so the strict CSP allows them).

A chart is a stack of horizontal 100 % bars, one per group (a panel in a round): the shares of
ratings 1 to 5, coloured on a diverging scale, with the count at the end. The numbers are also
in the table beside it, so the chart is a picture of them, not their only source.
"""

from markupsafe import Markup, escape

# ColorBrewer RdBu, colour-blind safe; text colour chosen for contrast on each.
COLOURS = ("#b2182b", "#ef8a62", "#e0e0e0", "#67a9cf", "#2166ac")
TEXT = ("#fff", "#1b1b1f", "#1b1b1f", "#1b1b1f", "#fff")
LABEL_W, BAR_W, N_W, ROW_H, GAP = 190, 330, 50, 26, 6


def distribution_chart(title: str, rows: list[tuple[str, dict]], ends: tuple[str, str],
                       chart_id: str) -> Markup:
    """rows: (group label, {"1": count, ..., "5": count}); ends: the scale's end names."""
    height = 30 + len(rows) * (ROW_H + GAP) + 24
    width = LABEL_W + BAR_W + N_W
    out = [f'<svg class="delphi-chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-t">{escape(title)}</title>']
    for value in range(5):  # the legend: 1..5 with the ends named
        x = LABEL_W + value * BAR_W / 5
        out.append(f'<rect x="{x:.1f}" y="4" width="{BAR_W / 5 - 2:.1f}" height="16" '
                   f'fill="{COLOURS[value]}"/>')
        out.append(f'<text x="{x + BAR_W / 10:.1f}" y="16" font-size="12" text-anchor="middle" '
                   f'fill="{TEXT[value]}">{value + 1}</text>')
    y = 30
    for label, distribution in rows:
        counts = [int((distribution or {}).get(str(v), 0) or 0) for v in range(1, 6)]
        total = sum(counts)
        out.append(f'<text x="{LABEL_W - 6}" y="{y + ROW_H / 2 + 5:.1f}" font-size="13" '
                   f'text-anchor="end" fill="#1b1b1f">{escape(label[:32])}</text>')
        x = float(LABEL_W)
        for value, count in enumerate(counts):
            if not total or not count:
                continue
            w = BAR_W * count / total
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW_H}" '
                       f'fill="{COLOURS[value]}" stroke="#fdfcf8"/>')
            if w >= 30:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + ROW_H / 2 + 5:.1f}" '
                           f'font-size="12" text-anchor="middle" fill="{TEXT[value]}">'
                           f'{round(100 * count / total)}%</text>')
            x += w
        if not total:
            out.append(f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W}" height="{ROW_H}" '
                       f'fill="none" stroke="#c9c6bd" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + ROW_H / 2 + 5:.1f}" '
                   f'font-size="13" fill="#1b1b1f">n={total}</text>')
        y += ROW_H + GAP
    out.append(f'<text x="{LABEL_W}" y="{y + 14}" font-size="12" fill="#55575e">'
               f'1 = {escape(ends[0])}</text>')
    out.append(f'<text x="{LABEL_W + BAR_W}" y="{y + 14}" font-size="12" text-anchor="end" '
               f'fill="#55575e">5 = {escape(ends[1])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


# One colour per panel (Okabe–Ito, colour-blind safe), the same in every round, as in the report.
PANEL_COLOURS = ("#0b5e55", "#e69f00", "#56b4e9", "#cc79a7", "#009e73", "#d55e00", "#0072b2",
                 "#999999")


def response_chart(title: str, groups: list[tuple[str, list[tuple[str, int, int]]]],
                   chart_id: str) -> Markup:
    """groups: (round label, [(panel, answered, panelists)]). One bar per panel under its round's
    name, the share that answered, and "answered/panelists (share)" written beside it: the
    numbers are text, so a screen reader and a greyscale print read them too."""
    rows = sum(len(bars) for _, bars in groups)
    height = len(groups) * 24 + rows * (ROW_H + GAP) + 8
    width = LABEL_W + BAR_W + 2 * N_W
    out = [f'<svg class="response-chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{chart_id}-t" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-t">{escape(title)}</title>']
    colours: dict[str, str] = {}
    y = 0
    for label, bars in groups:
        out.append(f'<text x="4" y="{y + 17}" font-size="13" font-weight="bold" '
                   f'fill="#1b1b1f">{escape(label)}</text>')
        y += 24
        for panel, answered, size in bars:
            colour = colours.setdefault(panel, PANEL_COLOURS[len(colours) % len(PANEL_COLOURS)])
            share = answered / size if size else 0.0
            middle = y + ROW_H / 2 + 5
            out.append(f'<text x="{LABEL_W - 6}" y="{middle:.1f}" font-size="13" '
                       f'text-anchor="end" fill="#1b1b1f">{escape(panel[:32])}</text>')
            out.append(f'<rect class="response-bar" x="{LABEL_W}" y="{y}" width="{BAR_W}" '
                       f'height="{ROW_H}" fill="none" stroke="#c9c6bd" stroke-dasharray="4 3"/>')
            if share:
                out.append(f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W * share:.1f}" '
                           f'height="{ROW_H}" fill="{colour}"/>')
            out.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{middle:.1f}" font-size="13" '
                       f'fill="#1b1b1f">{answered}/{size} ({round(100 * share)}%)</text>')
            y += ROW_H + GAP
    out.append("</svg>")
    return Markup("".join(out))


def response_curve(opened_at, first_answers: list, panel_size: int, days: int) -> list[float]:
    """The share of a panel that had answered by the end of each day since the round opened."""
    if not panel_size:
        return [0.0] * days
    out = []
    for day in range(1, days + 1):
        answered = sum(1 for moment in first_answers
                       if (moment - opened_at).total_seconds() < day * 86400)
        out.append(answered / panel_size)
    return out
