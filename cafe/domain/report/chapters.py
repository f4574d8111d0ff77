"""The report's chapters on the neighbourhood, the method, the cards, the World Café harvests
and the canvases."""

from cafe.domain import report_charts
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.domain.report.blocks import Block
from cafe.domain.report.builder import Builder, source_of
from cafe.domain.report.rounding import number, percent


def context(b: Builder, data: dict, sections: dict) -> None:
    b.h2("context")
    hood = data["neighbourhood"]
    if hood.get("description"):
        b.add(Block("p", hood["description"]))
    if data.get("figures"):
        b.add(Block("table", headers=[b.t("figure"), b.t("value"), b.t("unit"), b.t("source"),
                                      b.t("year")], widths=[40, 14, 12, 24, 10],
                    rows=[[f["name"], f["value"], f.get("unit") or "", f.get("source") or "",
                           number(f.get("year"))] for f in data["figures"]]))
    else:
        b.add(Block("note", b.t("no_figures")))
    if sections.get("experience"):
        b.add(Block("h3", b.t("experience")))
        b.bullets([f["text"] for f in sections["experience"]])


def method(b: Builder, sections: dict) -> None:
    b.h2("method")
    b.add(Block("p", b.t("method_text")))
    sources, roles, panels, responses = [], {}, {}, []
    for finding in sections.get("participation", []):
        detail, source = finding.get("detail") or {}, source_of(finding)
        if detail.get("delphi"):
            for panel, n in (detail.get("by_panel") or {}).items():
                panels[panel] = panels.get(panel, 0) + int(n)
            if detail.get("response"):
                responses.append((finding["text"], detail["response"]))
            count = sum(int(n) for n in (detail.get("by_panel") or {}).values())
        else:
            for role, n in (detail.get("by_role") or {}).items():
                roles[role] = roles.get(role, 0) + int(n)
            count = int(detail.get("joined") or 0)
        kind = b.t("kind_delphi") if detail.get("delphi") else b.t("kind_session")
        sources.append([finding["text"], kind, source.get("date") or "", str(count)])
    if not sources:
        b.add(Block("note", b.t("no_sessions")))
        return
    b.add(Block("table", headers=[b.t("source_name"), b.t("kind"), b.t("date"),
                                  b.t("participants")], widths=[50, 18, 16, 16], rows=sources))
    if roles:
        role_names = b.labels.get("roles", {})
        rows = [[role_names.get(r, r), str(n)]
                for r, n in sorted(roles.items(), key=lambda x: (-x[1], x[0]))]
        b.add(Block("h3", b.t("by_role")),
              Block("table", headers=[b.t("role"), b.t("count")], widths=[70, 30],
                    rows=rows + [[b.t("total"), str(sum(roles.values()))]]))
        b.chart(report_charts.bars([(name, int(n)) for name, n in rows], b.t("count")),
                b.t("chart_roles"))
    if panels:
        b.add(Block("h3", b.t("by_panel")),
              Block("table", headers=[b.t("panel"), b.t("answered")], widths=[70, 30],
                    rows=[[p, str(n)] for p, n in panels.items()]))
    if responses:
        response(b, responses)


def response(b: Builder, studies: list[tuple[str, list[dict]]]) -> None:
    """Per study, the response rate per round and panel: the table (the accessible version,
    with every number) and the chart of the same numbers right after it."""
    shown = [(title, spec) for title, rounds in studies
             if (spec := report_charts.response(rounds, b.t("response_axis"), b.t("round_n")))]
    if not shown:
        return
    b.add(Block("h3", b.t("response")))
    for title, spec in shown:
        rows = [[group["label"], bar["label"], f"{bar['answered']}/{bar['size']}",
                 percent(bar["answered"] / bar["size"])]
                for group in spec["groups"] for bar in group["bars"]]
        b.add(Block("table", headers=[b.t("round"), b.t("panel"), b.t("answered_of"),
                                      b.t("response_share")], widths=[20, 44, 18, 18],
                    rows=rows))
        b.chart(spec, b.t("chart_response", study=title))


def cards(b: Builder, sections: dict, wordcloud: bytes | None) -> None:
    cards = sections.get("need", []) + sections.get("talent", [])
    if not cards:
        return
    b.h2("needs_talents")
    blocks = b.labels.get("blocks", {})
    for key in (*BUILDING_BLOCKS, None):
        inside = [f for f in cards if (f.get("building_block") or None) == key]
        if inside:
            b.add(Block("h3", blocks.get(key, b.t("no_block")) if key else b.t("no_block")))
            b.bullets([f"{b.t(f['section'])}: {f['text']}" for f in inside])
    if wordcloud:
        b.add(Block("image", b.t("wordcloud"), image=wordcloud))


def harvests(b: Builder, sections: dict) -> None:
    items = sections.get("harvest", []) + sections.get("idea", [])
    if not items:
        return
    b.h2("harvests")
    by_question: dict[str, list[str]] = {}
    for finding in sorted(items, key=lambda f: f.get("position", 0)):
        detail = finding.get("detail") or {}
        heading = detail.get("question") or b.t("harvests")
        prefix = b.t("idea") + ": " if finding["section"] == "idea" else ""
        table = f" ({detail['table']})" if detail.get("table") else ""
        by_question.setdefault(heading, []).append(f"{prefix}{finding['text']}{table}")
    for question, lines in by_question.items():
        b.add(Block("h3", question))
        b.bullets(lines)


def canvases(b: Builder, sections: dict) -> None:
    if not sections.get("canvas"):
        return
    b.h2("canvases")
    canvases: dict[str, dict[str, list[str]]] = {}
    for finding in sorted(sections["canvas"], key=lambda f: f.get("position", 0)):
        detail = finding.get("detail") or {}
        fields = canvases.setdefault(detail.get("canvas") or b.t("canvases"), {})
        votes = detail.get("votes") or 0
        text = finding["text"] + (f" ({b.t('votes_n', n=votes)})" if votes else "")
        fields.setdefault(detail.get("field") or "", []).append(text)
    for title, fields in canvases.items():
        b.add(Block("h3", title),
              Block("table", headers=[b.t("field"), b.t("contributions")], widths=[28, 72],
                    rows=[[name, "\n".join(f"• {t}" for t in texts)]
                          for name, texts in fields.items()]))
