"""The steering-committee report as a list of blocks, built from plain data.

Every document format (DOCX, PDF, Markdown) renders the same blocks, so the documents agree.
Labels arrive already translated (placeholders such as %(n)s still in them); nothing here
knows about Flask or the database. The data is `analysis_data()`: findings carry only
anonymous results and the facilitator's wording, so no name or token can reach a report.

Its parts: the blocks (blocks.py), the rounding (rounding.py), the builder the chapters write
into (builder.py), and the chapters (chapters.py, priorities.py, consensus.py).
"""

from cafe.domain.report import chapters
from cafe.domain.report.blocks import Block
from cafe.domain.report.builder import Builder, by_section
from cafe.domain.report.consensus import argument_lines, consensus_dissent, minority_view
from cafe.domain.report.priorities import priority_columns, priority_tables
from cafe.domain.report.rounding import number, percent

__all__ = ["Block", "argument_lines", "build", "minority_view", "number", "percent",
           "priority_columns", "priority_tables"]


def build(data: dict, labels: dict, wordcloud: bytes | None = None) -> list[Block]:
    b = Builder(labels)
    sections = by_section(data.get("findings", []))
    hood = data["neighbourhood"]
    b.add(Block("h1", f"{b.t('title')}: {hood['name']}"))
    subtitle = " · ".join(x for x in (hood.get("municipality"), data.get("date")) if x)
    if subtitle:
        b.add(Block("note", subtitle))
    b.add(Block("p", b.t("intro")))
    chapters.context(b, data, sections)
    chapters.method(b, sections)
    if sections.get("priority"):
        b.h2("priorities")
        priority_tables(b, sections["priority"])
    chapters.cards(b, sections, wordcloud)
    chapters.harvests(b, sections)
    chapters.canvases(b, sections)
    consensus_dissent(b, sections)

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
