"""What an activity's results, or a Delphi summary, can contribute to a neighbourhood analysis.

Input is the anonymous `results(activity)` shape of docs/ARCHITECTURE.md (hidden, withdrawn and
merged-away cards are already left out there); output is a list of candidate findings, each
with a stable key so that exporting again updates instead of duplicating. Pure: no Flask.

A candidate: {"key", "group", "section", "text", "detail", "block", "position", "default"}.
`group` is what the facilitator picks from (priorities, cards, harvests, canvases, delphi);
`default` says whether it is ticked before the facilitator looks.
"""

# Priorities beyond this place are offered but not ticked: the committee wants the top.
TOP_PRIORITIES = 10
GROUPS = ("participation", "priorities", "cards", "harvests", "canvases", "delphi", "opinion")


def _board(results: dict, prefix: str) -> list[dict]:
    themes = {t.get("id"): t.get("title", "") for t in results.get("themes") or []}
    out = []
    for n, card in enumerate(results.get("cards") or []):
        if card.get("type") not in ("need", "talent") or not card.get("text"):
            continue
        out.append({
            "key": f"{prefix}:card{card['id']}", "group": "cards", "section": card["type"],
            "text": card["text"], "block": card.get("building_block"), "position": n,
            "detail": {"theme": themes.get(card.get("theme_id"), ""),
                       "merged": len(card.get("merged_from") or [])},
            "default": True,
        })
    return out


VOTE_EXTRAS = ("dots", "borda", "first_choices", "importance", "urgency", "n")


def _vote(results: dict, prefix: str) -> list[dict]:
    out = []
    for n, row in enumerate(results.get("ranking") or []):
        detail = {"method": results.get("method", "dot"), "rank": row.get("rank", n + 1),
                  "score": row.get("score"), "tied": bool(row.get("tied")),
                  "voters": results.get("voters")}
        detail.update({k: row[k] for k in VOTE_EXTRAS if k in row})
        # The people who voted for this item (dots, a place in their ranking, a rating), beside
        # "voters", everyone who voted in this vote.
        detail["item_voters"] = row.get("voters", row.get("n"))
        out.append({
            "key": f"{prefix}:{row.get('target', 'card')}{row['id']}", "group": "priorities",
            "section": "priority", "text": row.get("text", ""), "block": row.get("building_block"),
            "position": n, "detail": detail, "default": n < TOP_PRIORITIES,
        })
    return out


HARVEST_SECTIONS = {"insight": "harvest", "idea": "idea", "question": "question"}


def _worldcafe(results: dict, prefix: str) -> list[dict]:
    tables = {t.get("id"): t.get("name", "") for t in results.get("tables") or []}
    questions = {r.get("number"): r.get("question", "") for r in results.get("rounds") or []}
    out = []
    for harvest in results.get("harvests") or []:
        table, round_ = harvest.get("table"), harvest.get("round")
        for n, item in enumerate(harvest.get("items") or []):
            if not item.get("text"):
                continue
            out.append({
                "key": f"{prefix}:h{table}-{round_}-{n}", "group": "harvests",
                "section": HARVEST_SECTIONS.get(item.get("category"), "harvest"),
                "text": item["text"], "block": item.get("building_block"),
                "position": (round_ or 0) * 1000 + n,
                "detail": {"table": tables.get(table, str(table)), "round": round_,
                           "question": questions.get(round_, ""),
                           "category": item.get("category", "insight")},
                "default": True,
            })
    return out


def _canvas(results: dict, prefix: str) -> list[dict]:
    out = []
    for canvas in results.get("canvases") or []:
        for f, field in enumerate(canvas.get("fields") or []):
            for n, item in enumerate(field.get("items") or []):
                if not item.get("text"):
                    continue
                out.append({
                    "key": f"{prefix}:c{canvas.get('id')}-i{item.get('id', f'{f}-{n}')}",
                    "group": "canvases", "section": "canvas", "text": item["text"],
                    "block": item.get("building_block"), "position": f * 1000 + n,
                    "detail": {"canvas": canvas.get("title", ""),
                               "template": results.get("template", ""),
                               "field": field.get("label") or field.get("key", ""),
                               "field_position": f, "votes": item.get("votes", 0)},
                    "default": True,
                })
    return out


def _statements(results: dict, prefix: str) -> list[dict]:
    """Opinion groups: what every group agrees with (or rejects) is a consensus finding, where
    the groups split a dissent finding, beside the Delphi's, marked `opinion` in the detail."""
    groups = [{"label": g.get("label"), "size": g.get("size"),
               "representative": [{"text": r.get("text", ""), "direction": r.get("direction"),
                                   "share": r.get("share"), "others": r.get("others")}
                                  for r in g.get("representative") or []]}
              for g in results.get("groups") or []]
    # What the report says of the whole activity travels with each of its findings.
    common = {"opinion": True, "voters": results.get("voters"),
              "participants": results.get("participants"), "groups": groups,
              "clear": results.get("clear", bool(groups)),
              "unclear": [{"text": u.get("text", ""), "share": u.get("share")}
                          for u in results.get("unclear") or []],
              "participation": results.get("participation") or []}
    out = []
    for n, row in enumerate(results.get("consensus") or []):
        out.append({
            "key": f"{prefix}:op-c{row['id']}", "group": "opinion", "section": "consensus",
            "text": row.get("text", ""), "block": None, "position": n,
            "detail": {**common, "direction": row.get("direction", "agree"),
                       "score": row.get("score"), "shares": row.get("groups") or []},
            "default": True,
        })
    for n, row in enumerate(results.get("divisive") or []):
        out.append({
            "key": f"{prefix}:op-d{row['id']}", "group": "opinion", "section": "dissent",
            "text": row.get("text", ""), "block": None, "position": 1000 + n,
            "detail": {**common, "spread": row.get("spread"), "net": row.get("groups") or []},
            "default": True,
        })
    return [f for f in out if f["text"]]


FROM_RESULTS = {"board": _board, "vote": _vote, "worldcafe": _worldcafe, "canvas": _canvas,
                "statements": _statements}


def from_results(results: dict, prefix: str) -> list[dict]:
    """Candidates from one activity's results; kinds without findings give none."""
    build = FROM_RESULTS.get((results or {}).get("type"))
    return build(results, prefix) if build else []


def _primary(stats_by_scale: dict) -> tuple[str, dict]:
    for scale, stats in (stats_by_scale or {}).items():
        return scale, stats or {}
    return "", {}


def _argument_text(argument) -> str:
    return argument.get("text", "") if isinstance(argument, dict) else str(argument)


def from_delphi(summary: dict, prefix: str) -> list[dict]:
    """Consensus, dissent and undecided statements with their statistics and arguments.
    The statistics of the first scale (desirability by default) decide, as in the study."""
    out = []
    for n, statement in enumerate((summary or {}).get("statements") or []):
        scale, overall = _primary(statement.get("overall"))
        panels = {name: _primary(stats)[1] for name, stats in
                  (statement.get("panels") or {}).items()}
        arguments = [t for t in (_argument_text(a) for a in statement.get("arguments") or []) if t]
        sides = {side: [_argument_text(a) for a in statement.get("arguments") or []
                        if isinstance(a, dict) and a.get("stance") == side and a.get("text")]
                 for side in ("for", "against")}
        out.append({
            "key": f"{prefix}:st{statement.get('id', n)}", "group": "delphi",
            "section": statement.get("classification") or "undecided",
            "text": statement.get("text", ""), "block": statement.get("building_block"),
            "position": n,
            "detail": {
                "theme": statement.get("theme", ""), "scale": scale,
                "round": (summary or {}).get("round"),
                "n": overall.get("n"), "median": overall.get("median"),
                "iqr": overall.get("iqr"), "agree": overall.get("agree",
                                                                overall.get("agree_share")),
                "distribution": overall.get("distribution") or {},
                # The round before's answers, for the report's shift chart.
                "previous_distribution": (statement.get("stability") or {}).get(
                    "previous_distribution") or {},
                "panels": {name: {"n": s.get("n"), "median": s.get("median")}
                           for name, s in panels.items()},
                "arguments": arguments[:20],
                "arguments_for": sides["for"][:20], "arguments_against": sides["against"][:20],
            },
            "default": True,
        })
    return out


def delphi_participation(summary: dict) -> dict[str, int]:
    """Panelists who answered, per panel (no names). Summaries made before they carried
    "answered" fall back to the largest n over the statements, which undercounts people who
    answered different statements or only "no opinion"."""
    if (summary or {}).get("answered") is not None:
        return dict(summary["answered"])
    counts: dict[str, int] = {}
    for statement in (summary or {}).get("statements") or []:
        for name, stats in (statement.get("panels") or {}).items():
            n = _primary(stats)[1].get("n") or 0
            counts[name] = max(counts.get(name, 0), int(n))
    return counts
