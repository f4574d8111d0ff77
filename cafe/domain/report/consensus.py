"""The consensus-and-dissent chapter: the statements a session's opinion groups agree on or split
over, and the Delphi's statements with their minority views and arguments for and against."""

from cafe.domain import report_charts
from cafe.domain.report.blocks import Block
from cafe.domain.report.builder import Builder, grouped, source_of
from cafe.domain.report.rounding import number, percent


def minority_view(b: Builder, detail: dict) -> str:
    """Who is on each side: the smaller side is the minority view a Policy Delphi reports."""
    distribution = {str(k): int(v or 0) for k, v in (detail.get("distribution") or {}).items()}
    agree = distribution.get("4", 0) + distribution.get("5", 0)
    against = distribution.get("1", 0) + distribution.get("2", 0)
    total = detail.get("n") or sum(distribution.values())
    return b.t("sides", agree=agree, against=against, n=total)


def is_opinion(finding: dict) -> bool:
    return bool((finding.get("detail") or {}).get("opinion"))


def _opinion_shares(b: Builder, finding: dict) -> str:
    """Per group, in the group's own letter: the share that agrees (or disagrees), or the net
    agreement where the room splits."""
    d = finding.get("detail") or {}
    letters = [g.get("label") or "" for g in d.get("groups") or []]
    if finding["section"] == "dissent":
        return "; ".join(f"{b.t('group', label=g)}: {round(100 * v):+d}"
                         for g, v in zip(letters, d.get("net") or [], strict=False))
    values = d.get("shares") or []
    if not letters:
        return percent(values[0]) if values else ""
    return "; ".join(f"{b.t('group', label=g)}: {percent(v)}"
                     for g, v in zip(letters, values, strict=False))


def opinion_groups(b: Builder, findings: list[dict]) -> None:
    """Statements voted on in a session: agreed across the opinion groups, or splitting them."""
    b.add(Block("h3", b.t("opinion_title")), Block("p", b.t("opinion_text")))
    for activity in grouped(findings):
        d = activity[0].get("detail") or {}
        source = source_of(activity[0])
        sizes = ", ".join(f"{b.t('group', label=g.get('label'))}: {g.get('size')}"
                          for g in d.get("groups") or [])
        note = b.t("opinion_people", n=d.get("participants") or 0, groups=sizes or "-")
        b.add(Block("note", f"{source.get('activity') or ''} {note}".strip()))
        if not d.get("clear", True):
            b.add(Block("note", b.t("opinion_no_clear")))
        represented = [g for g in d.get("groups") or [] if g.get("representative")]
        if represented:
            b.add(Block("strong", b.t("opinion_representative")))
            b.add(Block("table", headers=[b.t("statement"), b.t("opinion_per_group")],
                        widths=[60, 40], rows=[
                            [("✗ " if r.get("direction") == "disagree" else "") + r["text"],
                             f"{b.t('group', label=g.get('label'))}: {percent(r.get('share'))}"
                             f" ({b.t('opinion_others', share=percent(r.get('others')))})"]
                            for g in represented for r in g["representative"] if r.get("text")]))
        for key, title in (("consensus", "opinion_agreed"), ("dissent", "opinion_splits")):
            rows = [f for f in activity if f["section"] == key]
            if not rows:
                continue
            b.add(Block("strong", b.t(title)))
            b.add(Block("table", headers=[b.t("statement"), b.t("opinion_per_group")],
                        widths=[60, 40], rows=[
                            [("✗ " if (f.get("detail") or {}).get("direction") == "disagree"
                              else "") + f["text"], _opinion_shares(b, f)] for f in rows]))
        if d.get("unclear"):
            b.add(Block("strong", b.t("opinion_unclear")))
            b.bullets([f"{u['text']} ({b.t('opinion_passed', share=percent(u.get('share')))})"
                       for u in d["unclear"] if u.get("text")])
        if d.get("participation"):
            b.add(Block("p", b.t("opinion_participation", rows="; ".join(
                f"{p['minute']}′: {p['votes']} ({p['voters']})" for p in d["participation"]))))


def consensus_dissent(b: Builder, sections: dict) -> None:
    everything = [f for key in ("consensus", "dissent", "undecided")
                  for f in sections.get(key, [])]
    if not everything:
        return
    b.h2("consensus_dissent")
    opinion = [f for f in everything if is_opinion(f)]
    sections = {key: [f for f in sections.get(key, []) if not is_opinion(f)]
                for key in ("consensus", "dissent", "undecided")}
    statements = [f for f in everything if not is_opinion(f)]
    if opinion:
        opinion_groups(b, opinion)
    if not statements:
        return
    b.add(Block("p", b.t("delphi_text")))
    rows = []
    for finding in statements:
        d = finding.get("detail") or {}
        rows.append([finding["text"], b.t(finding["section"]), number(d.get("median")),
                     number(d.get("iqr"), 2), percent(d.get("agree")), number(d.get("n"))])
    b.add(Block("table", headers=[b.t("statement"), b.t("result"), b.t("median"), b.t("iqr"),
                                  b.t("agree"), b.t("n")], widths=[42, 15, 11, 8, 11, 13],
                rows=rows))
    for spec in report_charts.distributions(statements, b.t("share_of_answers"),
                                            b.t("round_before")):
        shifted = any(row.get("previous") for row in spec["rows"])
        b.chart(spec, b.t("chart_delphi_shift" if shifted else "chart_delphi"))
    for key in ("dissent", "consensus"):
        if not sections.get(key):
            continue
        b.add(Block("h3", b.t("dissent_views" if key == "dissent" else "consensus_views")))
        for finding in sections[key]:
            d = finding.get("detail") or {}
            b.add(Block("strong", finding["text"]))
            lines = [minority_view(b, d)]
            panels = d.get("panels") or {}
            if len(panels) > 1:
                lines.append(b.t("per_panel") + " " + "; ".join(
                    f"{name}: {number(p.get('median'))}" for name, p in panels.items()))
            lines += argument_lines(b, d)
            b.add(Block("bullets", items=lines))


def argument_lines(b, detail: dict) -> list[str]:
    """Policy Delphi practice: arguments for, then against, then the untagged ones."""
    pro, contra = detail.get("arguments_for") or [], detail.get("arguments_against") or []
    other = [a for a in detail.get("arguments") or [] if a not in pro and a not in contra]
    if not pro and not contra:
        return [f"“{a}”" for a in other[:6]]
    return ([f"{b.t('argument_for')} “{a}”" for a in pro[:4]]
            + [f"{b.t('argument_against')} “{a}”" for a in contra[:4]]
            + [f"“{a}”" for a in other[:2]])
