"""Tallies of a prioritisation vote: dots, ranking (Borda and first preferences), rating.

Pure functions over plain values, so they are tested by hand-computed examples. Rules:
- A ballot on a card that was merged counts for the card it was merged into (chains resolved);
  ballots on items that are not votable (hidden, pending, unknown) are left out.
- One participant, one equal weight: when merging brings several of a voter's ballots onto the
  same item, dots add up (they were spent), a ranking keeps the voter's best position, and
  ratings are averaged, so every voter counts once per item.
- Equal scores share a rank (competition ranking: 1, 1, 3) and are marked as tied.
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean, median

MIDPOINT = 3  # of the 1–5 rating scales: above it is "important" / "urgent"
UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Item:
    id: int
    text: str
    target: str = "card"  # card | theme


@dataclass(frozen=True)
class Ballot:
    """One entry of one voter: dots on an item, its position in a ranking, or a rating."""

    voter: int
    item: int
    role: str | None = None
    dots: int = 0
    position: int | None = None
    importance: int | None = None
    urgency: int | None = None


def resolve(item_id: int, merged_into: dict[int, int]) -> int:
    """Follow a chain of merges to the card that absorbed this one (a cycle stops the walk)."""
    seen = {item_id}
    while item_id in merged_into:
        item_id = merged_into[item_id]
        if item_id in seen:
            break
        seen.add(item_id)
    return item_id


def competition_ranks(scores: list) -> list[tuple[int | None, bool]]:
    """(rank, tied) for scores already sorted best first; None scores get no rank."""
    counts: dict = defaultdict(int)
    for score in scores:
        counts[score] += 1
    ranks, rank, previous = [], 0, object()
    for position, score in enumerate(scores, start=1):
        if score != previous:
            rank, previous = position, score
        ranks.append((None, False) if score is None else (rank, counts[score] > 1))
    return ranks


def _counted(items, ballots, merged_into):
    """Ballots moved onto the votable item they now count for, grouped per (voter, item)."""
    votable = {item.id for item in items}
    grouped: dict[tuple[int, int], list[Ballot]] = defaultdict(list)
    roles: dict[int, str] = {}
    for ballot in ballots:
        target = resolve(ballot.item, merged_into or {})
        if target in votable:
            grouped[(ballot.voter, target)].append(ballot)
            roles[ballot.voter] = ballot.role or UNSPECIFIED
    return grouped, roles


def _rank(rows: list[dict], key=lambda row: row["score"]) -> list[dict]:
    """Sort best first (a stable order inside ties: the items' own order) and number them."""
    order = {id(row): i for i, row in enumerate(rows)}
    rows = sorted(
        rows,
        key=lambda r: (key(r) is None, -(key(r) or 0), order[id(r)]),
    )
    for row, (rank, tied) in zip(rows, competition_ranks([key(r) for r in rows]), strict=True):
        row["rank"], row["tied"] = rank, tied
    return rows


def _base(item: Item) -> dict:
    return {"id": item.id, "target": item.target, "text": item.text}


def dot_tally(items: list[Item], grouped: dict) -> list[dict]:
    dots: dict[int, int] = defaultdict(int)
    voters: dict[int, int] = defaultdict(int)
    for (_voter, item_id), entries in grouped.items():
        spent = sum(b.dots for b in entries)
        if spent > 0:
            dots[item_id] += spent
            voters[item_id] += 1
    rows = [
        {**_base(i), "score": dots[i.id], "dots": dots[i.id], "voters": voters[i.id]}
        for i in items
    ]
    return _rank(rows)


def borda_tally(items: list[Item], grouped: dict, k: int) -> list[dict]:
    """Top-k ranking: position p earns k - p + 1 points; first choices are counted apart."""
    borda: dict[int, int] = defaultdict(int)
    first: dict[int, int] = defaultdict(int)
    for (_voter, item_id), entries in grouped.items():
        positions = [b.position for b in entries if b.position is not None and b.position >= 1]
        if not positions:
            continue
        best = min(positions)
        if best <= k:
            borda[item_id] += k - best + 1
        if best == 1:
            first[item_id] += 1
    rows = [
        {**_base(i), "score": borda[i.id], "borda": borda[i.id], "first_choices": first[i.id]}
        for i in items
    ]
    return _rank(rows)


def quadrant(importance: float | None, urgency: float | None, midpoint: float = MIDPOINT):
    """Where an item falls on the 2×2 plot; the midpoint itself counts as high."""
    if importance is None or urgency is None:
        return None
    high_i, high_u = importance >= midpoint, urgency >= midpoint
    if high_i and high_u:
        return "important_urgent"
    if high_i:
        return "important"
    if high_u:
        return "urgent"
    return "neither"


def rating_tally(items: list[Item], grouped: dict) -> list[dict]:
    importance: dict[int, list[float]] = defaultdict(list)
    urgency: dict[int, list[float]] = defaultdict(list)
    for (_voter, item_id), entries in grouped.items():
        rated = [b for b in entries if b.importance is not None and b.urgency is not None]
        if rated:
            importance[item_id].append(mean(b.importance for b in rated))
            urgency[item_id].append(mean(b.urgency for b in rated))
    rows = []
    for item in items:
        imp, urg = importance[item.id], urgency[item.id]
        row = {**_base(item), "n": len(imp)}
        if imp:
            mi, mu = round(mean(imp), 2), round(mean(urg), 2)
            row.update(
                score=round((mean(imp) + mean(urg)) / 2, 2),
                importance=mi,
                urgency=mu,
                importance_median=median(imp),
                urgency_median=median(urg),
                quadrant=quadrant(mi, mu),
            )
        else:
            row.update(score=None, importance=None, urgency=None, importance_median=None,
                       urgency_median=None, quadrant=None)
        rows.append(row)
    return _rank(rows)


def _ranking(method: str, items, grouped, k: int) -> list[dict]:
    if method == "dot":
        return dot_tally(items, grouped)
    if method == "rank":
        return borda_tally(items, grouped, k)
    if method == "rate":
        return rating_tally(items, grouped)
    raise ValueError(f"unknown method {method!r}")


def tally(
    method: str,
    items: list[Item],
    ballots: list[Ballot],
    merged_into: dict[int, int] | None = None,
    k: int = 3,
) -> dict:
    """Total and per-role results: {"voters", "ranking", "by_role", "voters_by_role"}."""
    grouped, roles = _counted(items, ballots, merged_into)
    by_role_groups: dict[str, dict] = defaultdict(dict)
    for (voter, item_id), entries in grouped.items():
        by_role_groups[roles[voter]][(voter, item_id)] = entries
    voters_by_role: dict[str, int] = defaultdict(int)
    for role in roles.values():
        voters_by_role[role] += 1
    return {
        "voters": len(roles),
        "ranking": _ranking(method, items, grouped, k),
        "by_role": {
            role: _ranking(method, items, groups, k)
            for role, groups in sorted(by_role_groups.items())
        },
        "voters_by_role": dict(sorted(voters_by_role.items())),
    }
