"""Tallies of a prioritisation vote: dots, ranking (Borda and first preferences), rating.

Pure functions over plain values, so they are tested by hand-computed examples. Rules:
- A ballot on a card that was merged counts for the card it was merged into (chains resolved);
  ballots on items that are not votable (hidden, pending, unknown) are left out.
- One participant, one equal weight: when merging brings several of a voter's ballots onto the
  same item, dots add up (they were spent), a ranking keeps the voter's best position, and
  ratings are averaged, so every voter counts once per item.
- A ranking counts over what is still votable: each voter's places are renumbered 1, 2, 3…
  after hidden cards are left out and merged ones joined.
- Equal scores share a rank (competition ranking: 1, 1, 3) and are marked as tied.
"""

from collections import Counter, defaultdict
from statistics import mean, median
from typing import NamedTuple

MIDPOINT = 3  # of the 1–5 rating scales: above it is "important" / "urgent"
UNSPECIFIED = "unspecified"


class Item(NamedTuple):
    id: int
    text: str
    target: str = "card"  # card | theme


class Ballot(NamedTuple):
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


def _counted(items, ballots, merged_into, votable: set[int] | None = None):
    """Ballots moved onto the votable item they now count for, grouped per (voter, item)."""
    votable = {item.id for item in items} if votable is None else votable
    merged_into = merged_into or {}
    target_of: dict[int, int] = {}
    grouped: dict[tuple[int, int], list[Ballot]] = defaultdict(list)
    roles: dict[int, str] = {}
    for ballot in ballots:
        target = target_of.get(ballot.item)
        if target is None:
            target = target_of[ballot.item] = resolve(ballot.item, merged_into)
        if target in votable:
            grouped[(ballot.voter, target)].append(ballot)
            roles[ballot.voter] = ballot.role or UNSPECIFIED
    return grouped, roles


def _contribution(method: str, entries: list[Ballot], k: int):
    """What one voter gives one item, however many of their ballots ended up on it."""
    if method == "dot":
        spent = sum(b.dots for b in entries)
        return spent if spent > 0 else None
    if method == "rank":
        positions = [b.position for b in entries if b.position is not None and b.position >= 1]
        return min(positions) if positions else None
    rated = [b for b in entries if b.importance is not None and b.urgency is not None]
    if not rated:
        return None
    if len(rated) == 1:
        return rated[0].importance, rated[0].urgency
    return mean(b.importance for b in rated), mean(b.urgency for b in rated)


def _compact(positions: dict[tuple[int, int], int | None]) -> dict[tuple[int, int], int]:
    """Renumber each voter's ranking 1, 2, 3… over what still counts: a hidden card leaves no
    gap, and two choices merged into one card make room for the next."""
    per_voter: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (voter, item_id), position in positions.items():
        if position is not None:
            per_voter[voter].append((position, item_id))
    compacted = {}
    for voter, ranked in per_voter.items():
        for place, (_position, item_id) in enumerate(sorted(ranked), start=1):
            compacted[(voter, item_id)] = place
    return compacted


def _rank(rows: list[dict]) -> list[dict]:
    """Sort best first (a stable order inside ties: the items' own order) and number them."""
    rows = sorted(
        enumerate(rows), key=lambda p: (p[1]["score"] is None, -(p[1]["score"] or 0), p[0])
    )
    rows = [row for _index, row in rows]
    for row, (rank, tied) in zip(rows, competition_ranks([r["score"] for r in rows]), strict=True):
        row["rank"], row["tied"] = rank, tied
    return rows


def _base(item: Item) -> dict:
    return {"id": item.id, "target": item.target, "text": item.text}


def _dot_rows(items: list[Item], given: dict[int, list]) -> list[dict]:
    rows = []
    for item in items:
        dots = given.get(item.id, ())
        total = sum(dots)
        rows.append({**_base(item), "score": total, "dots": total, "voters": len(dots)})
    return rows


def _borda_rows(items: list[Item], given: dict[int, list], k: int) -> list[dict]:
    """Top-k ranking: position p earns k - p + 1 points; first choices are counted apart."""
    rows = []
    for item in items:
        positions = given.get(item.id, ())
        borda = sum(k - p + 1 for p in positions if p <= k)
        first = sum(1 for p in positions if p == 1)
        rows.append({**_base(item), "score": borda, "borda": borda, "first_choices": first,
                     "voters": len(positions)})
    return rows


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


def _rating_rows(items: list[Item], given: dict[int, list]) -> list[dict]:
    rows = []
    for item in items:
        pairs = given.get(item.id, ())
        row = {**_base(item), "n": len(pairs)}
        if pairs:
            imp, urg = [p[0] for p in pairs], [p[1] for p in pairs]
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
    return rows


def _ranking(method: str, items: list[Item], given: dict[int, list], k: int) -> list[dict]:
    if method == "dot":
        return _rank(_dot_rows(items, given))
    if method == "rank":
        return _rank(_borda_rows(items, given, k))
    return _rank(_rating_rows(items, given))


def tally(
    method: str,
    items: list[Item],
    ballots: list[Ballot],
    merged_into: dict[int, int] | None = None,
    k: int = 3,
) -> dict:
    """Total and per-role results: {"voters", "ranking", "by_role", "voters_by_role"}."""
    if method not in ("dot", "rank", "rate"):
        raise ValueError(f"unknown method {method!r}")
    grouped, roles = _counted(items, ballots, merged_into)
    # One pass: what each voter gives each item, collected in total and per role.
    total: dict[int, list] = defaultdict(list)
    per_role: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    contributions = {key: _contribution(method, entries, k) for key, entries in grouped.items()}
    if method == "rank":
        contributions = _compact(contributions)
    for (voter, item_id), given in contributions.items():
        if given is not None:
            total[item_id].append(given)
            per_role[roles[voter]][item_id].append(given)
    voters_by_role = Counter(roles.values())
    return {
        "voters": len(roles),
        "ranking": _ranking(method, items, total, k),
        "by_role": {
            role: _ranking(method, items, per_role[role], k) for role in sorted(voters_by_role)
        },
        "voters_by_role": dict(sorted(voters_by_role.items())),
    }


def rows_of(method: str, items: list[Item], ballots: list[Ballot], votable: set[int],
            merged_into: dict[int, int] | None = None,
            voters_by_role: dict[str, int] | None = None) -> dict:
    """What a patch carries after a ballot: the rows of a few items (those it changed), in
    total and per role, unranked (the screen ranks them among the rows it holds), and the
    voters of the whole vote (`votable`: the ids of every votable item). The work grows with
    the ballots, never with the items. Dots and ratings only: a ranking renumbers a voter's
    places over all their choices (see _compact). `voters_by_role`: the vote's voters when
    counted elsewhere (by the database); `ballots` then need only be those of these items."""
    if method not in ("dot", "rate"):
        raise ValueError(f"no rows of one item for {method!r}")
    grouped, roles = _counted(items, ballots, merged_into, votable)
    wanted = {item.id for item in items}
    total: dict[int, list] = defaultdict(list)
    per_role: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for (voter, item_id), entries in grouped.items():
        if item_id in wanted:
            given = _contribution(method, entries, 0)
            if given is not None:
                total[item_id].append(given)
                per_role[roles[voter]][item_id].append(given)
    if voters_by_role is None:
        voters_by_role = Counter(roles.values())
    build = _dot_rows if method == "dot" else _rating_rows
    return {
        "voters": sum(voters_by_role.values()),
        "ranking": build(items, total),
        "by_role": {role: build(items, per_role[role]) for role in sorted(voters_by_role)},
        "voters_by_role": dict(sorted(voters_by_role.items())),
    }


class Totals(NamedTuple):
    """What the entries on one item add up to, as a database sums them: how many voters gave
    it something, and the sums of what they gave (dots; or importance, and urgency)."""

    n: int
    first: int = 0
    second: int = 0


def rows_from_totals(method: str, items: list[Item], totals: dict[int, Totals]) -> list[dict]:
    """The rows of items that have at most one entry per voter (none came through a merge),
    from their sums alone: what tally() gives them, except that ratings carry no medians
    (those need every value; the phones these rows are for do not show them)."""
    rows = []
    for item in items:
        n, first, second = totals.get(item.id, (0, 0, 0))
        if method == "dot":
            rows.append({**_base(item), "score": first, "dots": first, "voters": n})
        elif n:
            # first / n is the same float as statistics.mean of the values (both round once).
            mi, mu = first / n, second / n
            rows.append({**_base(item), "n": n, "score": round((mi + mu) / 2, 2),
                         "importance": round(mi, 2), "urgency": round(mu, 2),
                         "quadrant": quadrant(round(mi, 2), round(mu, 2))})
        else:
            rows.append({**_base(item), "n": 0, "score": None, "importance": None,
                         "urgency": None, "quadrant": None})
    return rows


def top_rows(method: str, rows: list[dict], unvoted, votable: set[int], limit: int = 20):
    """The first `limit` rows of the total ranking, as tally() ranks them: what phones show.
    `rows`: those of the voted items, in the items' order (rows_of, or rows_from_totals);
    `unvoted`: an iterator over the other items in that order (read only as far as needed).
    Dots and ratings: an item nobody voted for scores 0 (dots) or nothing (ratings), below
    every voted one."""
    order = {row["id"]: index for index, row in enumerate(rows)}
    scored = [row for row in rows if row["score"]]
    rest = [row for row in rows if not row["score"]]
    scored.sort(key=lambda row: (-row["score"], order[row["id"]]))
    need = max(limit - len(scored), 0)
    build = _dot_rows if method == "dot" else _rating_rows
    for item in unvoted:
        if len(rest) >= need:
            break
        rest.append(build([item], {})[0])
    for row, (rank, tied) in zip(scored, competition_ranks([r["score"] for r in scored]),
                                 strict=True):
        row["rank"], row["tied"] = rank, tied
    top = scored[:limit]
    # Unvoted items share the next rank (dots: 0 points) or have none (ratings).
    zero_rank = len(scored) + 1 if method == "dot" else None
    zero_tied = zero_rank is not None and len(votable) - len(scored) > 1
    for row in rest[:max(limit - len(top), 0)]:
        row["rank"], row["tied"] = zero_rank, zero_tied
        top.append(row)
    return top
