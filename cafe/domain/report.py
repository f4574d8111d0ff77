"""The steering-committee report as a list of blocks, built from plain data.

Every document format (DOCX, PDF, Markdown) renders the same blocks, so the documents agree.
Labels arrive already translated (placeholders such as %(n)s still in them); nothing here
knows about Flask or the database. The data is `analysis_data()`: findings carry only
anonymous results and the facilitator's wording, so no name or token can reach a report.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cafe.domain import report_charts
from cafe.domain.building_blocks import BUILDING_BLOCKS


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | strong | note | bullets | table | image | chart
    text: str = ""
    items: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    # Relative column widths for tables (the PDF and DOCX use them).
    widths: list = field(default_factory=list)
    image: bytes | None = None
    # A chart's data (see cafe.domain.report_charts); the document renderers draw it.
    chart: dict | None = None


def number(value, digits: int = 1) -> str:
    """Rounded half up, as people round (an IQR of 0.25 is 0.25 at two digits, 0.3 at one;
    Python's own rounding would print 0.2), without trailing zeros."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
        text = f"{rounded:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def percent(value) -> str:
    """Half up, as the console shows it: 0.285 is 29%."""
    if value is None:
        return ""
    share = Decimal(repr(float(value))) * 100
    return f"{share.quantize(Decimal(1), ROUND_HALF_UP)}%"


def _by_section(findings: list[dict]) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for finding in findings:
        sections.setdefault(finding["section"], []).append(finding)
    return sections


def _source_of(finding: dict) -> dict:
    return finding.get("source") or {}


def _activity_key(finding: dict) -> str:
    """Findings of one activity (or one study) share the start of their provenance key."""
    key = _source_of(finding).get("key", "")
    return ":".join(key.split(":")[:2])


def _grouped(findings: list[dict]) -> list[list[dict]]:
    groups: dict[str, list[dict]] = {}
    for finding in findings:
        groups.setdefault(_activity_key(finding), []).append(finding)
    return list(groups.values())


class _Builder:
    def __init__(self, labels: dict):
        self.labels = labels
        self.blocks: list[Block] = []
        self.chapter = 0
        self.charts = 0

    def t(self, key: str, **values) -> str:
        text = self.labels.get(key, key)
        return text % values if values else text

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def h2(self, key: str) -> None:
        self.chapter += 1
        self.add(Block("h2", f"{self.chapter}. {self.t(key)}"))

    def chart(self, spec: dict | None, caption: str) -> None:
        """A numbered chart; its caption says what it shows, so it reads without the chart."""
        if spec:
            self.charts += 1
            spec["mark"] = self.t("emoji")
            self.add(Block("chart", f"{self.t('chart_n', n=self.charts)} {caption}", chart=spec))

    def bullets(self, items: list[str]) -> None:
        self.add(Block("bullets", items=items or [self.t("none")]))


def _context(b: _Builder, data: dict, sections: dict) -> None:
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


def _method(b: _Builder, sections: dict) -> None:
    b.h2("method")
    b.add(Block("p", b.t("method_text")))
    sources, roles, panels = [], {}, {}
    for finding in sections.get("participation", []):
        detail, source = finding.get("detail") or {}, _source_of(finding)
        if detail.get("delphi"):
            for panel, n in (detail.get("by_panel") or {}).items():
                panels[panel] = panels.get(panel, 0) + int(n)
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


def priority_columns(method: str) -> list[str]:
    return {"rank": ["borda", "first_choices"], "rate": ["importance", "urgency", "n"]}.get(
        method, ["dots"])


def priority_tables(b: _Builder, priorities: list[dict]) -> None:
    for group in _grouped(priorities):
        group.sort(key=lambda f: ((f.get("detail") or {}).get("rank") or 0, f.get("position", 0)))
        detail = group[0].get("detail") or {}
        method = detail.get("method", "dot")
        source = _source_of(group[0])
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


def _cards(b: _Builder, sections: dict, wordcloud: bytes | None) -> None:
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


def _harvests(b: _Builder, sections: dict) -> None:
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


def _canvases(b: _Builder, sections: dict) -> None:
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


def minority_view(b: _Builder, detail: dict) -> str:
    """Who is on each side: the smaller side is the minority view a Policy Delphi reports."""
    distribution = {str(k): int(v or 0) for k, v in (detail.get("distribution") or {}).items()}
    agree = distribution.get("4", 0) + distribution.get("5", 0)
    against = distribution.get("1", 0) + distribution.get("2", 0)
    total = detail.get("n") or sum(distribution.values())
    return b.t("sides", agree=agree, against=against, n=total)


def _is_opinion(finding: dict) -> bool:
    return bool((finding.get("detail") or {}).get("opinion"))


def _opinion_shares(b: _Builder, finding: dict) -> str:
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


def _opinion(b: _Builder, findings: list[dict]) -> None:
    """Statements voted on in a session: agreed across the opinion groups, or splitting them."""
    b.add(Block("h3", b.t("opinion_title")), Block("p", b.t("opinion_text")))
    for activity in _grouped(findings):
        d = activity[0].get("detail") or {}
        source = _source_of(activity[0])
        sizes = ", ".join(f"{b.t('group', label=g.get('label'))}: {g.get('size')}"
                          for g in d.get("groups") or [])
        note = b.t("opinion_people", n=d.get("participants") or 0, groups=sizes or "-")
        b.add(Block("note", f"{source.get('activity') or ''} {note}".strip()))
        for key, title in (("consensus", "opinion_agreed"), ("dissent", "opinion_splits")):
            rows = [f for f in activity if f["section"] == key]
            if not rows:
                continue
            b.add(Block("strong", b.t(title)))
            b.add(Block("table", headers=[b.t("statement"), b.t("opinion_per_group")],
                        widths=[60, 40], rows=[
                            [("✗ " if (f.get("detail") or {}).get("direction") == "disagree"
                              else "") + f["text"], _opinion_shares(b, f)] for f in rows]))


def _delphi(b: _Builder, sections: dict) -> None:
    everything = [f for key in ("consensus", "dissent", "undecided")
                  for f in sections.get(key, [])]
    if not everything:
        return
    b.h2("consensus_dissent")
    opinion = [f for f in everything if _is_opinion(f)]
    sections = {key: [f for f in sections.get(key, []) if not _is_opinion(f)]
                for key in ("consensus", "dissent", "undecided")}
    statements = [f for f in everything if not _is_opinion(f)]
    if opinion:
        _opinion(b, opinion)
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


def build(data: dict, labels: dict, wordcloud: bytes | None = None) -> list[Block]:
    b = _Builder(labels)
    sections = _by_section(data.get("findings", []))
    hood = data["neighbourhood"]
    b.add(Block("h1", f"{b.t('title')}: {hood['name']}"))
    subtitle = " · ".join(x for x in (hood.get("municipality"), data.get("date")) if x)
    if subtitle:
        b.add(Block("note", subtitle))
    b.add(Block("p", b.t("intro")))
    _context(b, data, sections)
    _method(b, sections)
    if sections.get("priority"):
        b.h2("priorities")
        priority_tables(b, sections["priority"])
    _cards(b, sections, wordcloud)
    _harvests(b, sections)
    _canvases(b, sections)
    _delphi(b, sections)

    cards = sections.get("need", []) + sections.get("talent", [])
    policy = [f for f in cards + sections.get("harvest", []) + sections.get("idea", [])
              + sections.get("canvas", []) + sections.get("priority", [])
              if f.get("building_block") == "policy_advice"]
    b.h2("policy")
    b.add(Block("p", b.t("policy_text")))
    b.bullets([f["text"] for f in policy + sections.get("policy", [])])

    b.h2("open_questions")
    b.bullets([f["text"] for f in sections.get("question", []) + sections.get("undecided", [])])

    if data.get("stakeholders"):
        b.h2("stakeholders")
        levels = labels.get("levels", {})
        b.add(Block("table", headers=[b.t("name"), b.t("type"), b.t("level")],
                    widths=[45, 35, 20],
                    rows=[[s["name"], s.get("type") or "", levels.get(s["level"], s["level"])]
                          for s in data["stakeholders"]]))
    return b.blocks
