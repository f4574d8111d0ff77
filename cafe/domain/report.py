"""The steering-committee report as a list of blocks, built from plain data.

Every output format (DOCX, PDF, Markdown) renders the same blocks, so the documents agree.
Labels arrive already translated; nothing here knows about Flask or the database.
"""

from dataclasses import dataclass, field

from cafe.domain.building_blocks import BUILDING_BLOCKS


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | bullets | table | image
    text: str = ""
    items: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    image: bytes | None = None


def _by_section(findings: list[dict]) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for finding in sorted(findings, key=lambda f: (f.get("position", 0), f["text"])):
        sections.setdefault(finding["section"], []).append(finding)
    return sections


def priorities_table(priorities: list[dict], labels: dict) -> Block:
    rows = []
    for finding in priorities:
        detail = finding.get("detail") or {}
        rows.append([str(detail.get("rank", finding.get("position", ""))), finding["text"],
                     str(detail.get("score", "")), finding.get("source_label", "")])
    return Block("table", headers=[labels["rank"], labels["priority"], labels["votes"],
                                   labels["source"]], rows=rows)


def build(data: dict, labels: dict, wordcloud: bytes | None = None) -> list[Block]:
    hood = data["neighbourhood"]
    sections = _by_section(data.get("findings", []))
    blocks = [Block("h1", f"{labels['title']}: {hood['name']}")]
    subtitle = ", ".join(x for x in (hood.get("municipality"), data.get("date")) if x)
    if subtitle:
        blocks.append(Block("p", subtitle))

    blocks.append(Block("h2", labels["context"]))
    if hood.get("description"):
        blocks.append(Block("p", hood["description"]))
    if data.get("figures"):
        blocks.append(Block("table", headers=[labels["figure"], labels["value"], labels["unit"],
                                              labels["source"], labels["year"]],
                            rows=[[f["name"], f["value"], f.get("unit", ""), f.get("source", ""),
                                   str(f.get("year") or "")] for f in data["figures"]]))
    for finding in sections.get("experience", []):
        blocks.append(Block("p", finding["text"]))

    blocks.append(Block("h2", labels["method"]))
    blocks.append(Block("p", labels["method_text"]))
    participation = sections.get("participation", [])
    if participation:
        totals: dict[str, int] = {}
        for finding in participation:
            for role, n in (finding.get("detail") or {}).get("by_role", {}).items():
                totals[role] = totals.get(role, 0) + int(n)
        blocks.append(Block("bullets", items=[f["text"] for f in participation]))
        blocks.append(Block("table", headers=[labels["role"], labels["count"]],
                            rows=[[labels["roles"].get(r, r), str(n)]
                                  for r, n in sorted(totals.items(), key=lambda x: -x[1])]
                            + [[labels["total"], str(sum(totals.values()))]]))

    if sections.get("priority"):
        blocks.append(Block("h2", labels["priorities"]))
        blocks.append(priorities_table(sections["priority"], labels))

    needs, talents = sections.get("need", []), sections.get("talent", [])
    if needs or talents:
        blocks.append(Block("h2", labels["needs_talents"]))
        for block_key in (*BUILDING_BLOCKS, None):
            in_block = [f for f in needs + talents if f.get("building_block") == block_key]
            if not in_block:
                continue
            blocks.append(Block("h3", labels["blocks"].get(block_key, labels["no_block"])))
            blocks.append(Block("bullets", items=[
                f"{labels['need'] if f['section'] == 'need' else labels['talent']}: {f['text']}"
                for f in in_block]))
    if wordcloud:
        blocks.append(Block("image", labels["wordcloud"], image=wordcloud))

    if sections.get("harvest"):
        blocks.append(Block("h2", labels["harvests"]))
        blocks.append(Block("bullets", items=[f["text"] for f in sections["harvest"]]))

    if sections.get("canvas"):
        blocks.append(Block("h2", labels["canvases"]))
        current = None
        for finding in sections["canvas"]:
            detail = finding.get("detail") or {}
            heading = f"{detail.get('canvas', '')} · {detail.get('field', '')}".strip(" ·")
            if heading != current:
                blocks.append(Block("h3", heading))
                blocks.append(Block("bullets"))
                current = heading
            blocks[-1].items.append(finding["text"])

    if any(sections.get(k) for k in ("consensus", "dissent", "undecided")):
        blocks.append(Block("h2", labels["consensus_dissent"]))
        for key in ("consensus", "dissent", "undecided"):
            if not sections.get(key):
                continue
            blocks.append(Block("h3", labels[key]))
            items = []
            for finding in sections[key]:
                arguments = (finding.get("detail") or {}).get("arguments") or []
                line = finding["text"]
                if arguments:
                    line += f" — {labels['arguments']}: " + " | ".join(arguments[:5])
                items.append(line)
            blocks.append(Block("bullets", items=items))

    policy = [f for f in needs + talents + sections.get("harvest", [])
              if f.get("building_block") == "policy_advice"]
    policy += sections.get("dissent", [])
    blocks.append(Block("h2", labels["policy"]))
    blocks.append(Block("bullets", items=[f["text"] for f in policy] or [labels["none"]]))

    questions = sections.get("question", []) + sections.get("undecided", [])
    blocks.append(Block("h2", labels["open_questions"]))
    blocks.append(Block("bullets", items=[f["text"] for f in questions] or [labels["none"]]))

    if data.get("stakeholders"):
        blocks.append(Block("h2", labels["stakeholders"]))
        blocks.append(Block("table", headers=[labels["name"], labels["kind"], labels["level"]],
                            rows=[[s["name"], s.get("kind", ""),
                                   labels["levels"].get(s["level"], s["level"])]
                                  for s in data["stakeholders"]]))
    return blocks
