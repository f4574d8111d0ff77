"""Opinion groups from agree/disagree/pass votes, as Polis finds them. Pure: no Flask.

A room can hold groups that think differently (residents and professionals, old and new
neighbours); a plain majority hides them. The steps follow Polis (compdemocracy/polis,
math/src/polismath/math): the participant × statement matrix with missing votes is centred on
each statement's mean (a missing vote becomes that mean, so it pulls nobody anywhere) and
projected on its first two principal components; a participant who saw few statements is
pushed outwards by sqrt(statements / their votes), so that a sparse voter is not drawn to the
middle just for voting little. The map is clustered with k-means, k from 2 to 5 chosen by the
silhouette, and the groups are shown only when they are clearer than shuffled votes would
give (cafe.domain.opinion_groups, which also keeps their number and letters stable). Per
group: its representative statements; for the room: consensus, where the groups split, the
unclear statements and which statement to offer next (cafe.domain.opinion_stats).

Votes are `(participant, statement, value)` with value 1 (agree), -1 (disagree) or 0 (pass);
ids are any sortable keys. The result is a plain JSON-able dict (see `analyse`).
"""

from collections.abc import Iterable

import numpy as np
from threadpoolctl import threadpool_limits

from cafe.domain import opinion_groups as groups_
from cafe.domain import opinion_stats as stats
from cafe.domain.opinion_groups import LABELS, MAX_GROUPS, MIN_GROUP  # noqa: F401
from cafe.domain.opinion_stats import AGREE, DISAGREE, PASS, Z_90  # noqa: F401

VALUES = {"agree": AGREE, "pass": PASS, "disagree": DISAGREE}
# Polis clusters only participants who voted on at least this many statements (or on all).
MIN_VOTES = 7


def matrix(votes: Iterable[tuple]) -> tuple[list, list, np.ndarray]:
    """(participants, statements, M): M[i, j] the vote of participant i on statement j, NaN
    where they did not vote. A later vote of the same person on a statement replaces theirs."""
    cells = {(p, s): v for p, s, v in votes}
    people = sorted({p for p, _ in cells})
    statements = sorted({s for _, s in cells})
    row = {p: i for i, p in enumerate(people)}
    col = {s: j for j, s in enumerate(statements)}
    m = np.full((len(people), len(statements)), np.nan)
    for (p, s), v in cells.items():
        m[row[p], col[s]] = v
    return people, statements, m


def _pca(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every row of M as a point in 2-D (PCA of the mean-imputed matrix, scaled outwards by
    sqrt(statements / votes) as Polis does for people who saw few statements), and each
    statement's extremity: the length of its loadings on the two components."""
    from sklearn.decomposition import PCA  # noqa: PLC0415 - scikit-learn: 4 s and 140 MB, loaded at the first analysis

    n, k = m.shape
    extremity = np.zeros(k)
    if n == 0:
        return np.zeros((0, 2)), extremity
    voted = ~np.isnan(m)
    means = np.where(voted, m, 0).sum(axis=0) / np.maximum(voted.sum(axis=0), 1)
    centred = np.where(np.isnan(m), 0.0, m - means)
    components = min(2, n, k)
    points = np.zeros((n, 2))
    if components and np.any(centred):
        # Many more people than statements (a city's room: 5,000 × 500): the eigenvectors of
        # the statements' 500 × 500 covariance, the same components as the full SVD (to 1e-13)
        # at a fifth of its time; a café's room keeps the full SVD.
        solver = "covariance_eigh" if n > groups_.LARGE_ROOM and n >= 10 * k else "full"
        pca = PCA(n_components=components, svd_solver=solver)
        points[:, :components] = pca.fit_transform(centred)
        extremity = np.linalg.norm(pca.components_, axis=0)
    seen = np.maximum(voted.sum(axis=1), 1)
    return points * np.sqrt(k / seen)[:, None], extremity


def project(m: np.ndarray) -> np.ndarray:
    return _pca(m)[0]


def analyse(votes: Iterable[tuple], min_group: int = MIN_GROUP, min_votes: int = MIN_VOTES,
            seed: int = 0, previous: dict | None = None,
            baseline_runs: int = groups_.BASELINE_RUNS) -> dict:
    """The whole analysis of a set of votes, given the previous analysis of the same activity
    (for stable group letters and numbers):

    {"voters", "votes", "participants" (those placed on the map), "statements": [ids],
     "points": [{"id", "x", "y", "group"}] (group a letter or None),
     "clear": whether the groups are clearer than chance ("silhouette", "chance"),
     "groups": [{"label", "size", "members": [ids], "representative": [...]}] ([] unless clear),
     "consensus": [{"statement", "direction", "score", "share", "n", "groups"}],
     "divisive": [{"statement", "spread", "groups": [net per group]}] ([] without groups),
     "unclear": [{"statement", "passes", "n", "share"}],
     "priority": {statement: weight}, "memory": what the next analysis needs}

    `members` and point ids are for the participant's own view only; screens get neither."""
    return analyse_matrix(*matrix(votes), min_group=min_group, min_votes=min_votes, seed=seed,
                          previous=previous, baseline_runs=baseline_runs)


def analyse_matrix(people: list, statements: list, m: np.ndarray, min_group: int = MIN_GROUP,
                   min_votes: int = MIN_VOTES, seed: int = 0, previous: dict | None = None,
                   baseline_runs: int = groups_.BASELINE_RUNS) -> dict:
    """`analyse` of a matrix as `matrix` makes it (sorted ids, NaN where nobody voted): a
    server keeps it up to date as votes arrive instead of rebuilding it from every vote."""
    # One thread: the analysis runs beside the event loop on a small machine; BLAS and
    # OpenMP pools spinning on every core would slow the room more than they gain.
    with threadpool_limits(limits=1):
        return _analyse(people, statements, m, min_group, min_votes, seed, previous or {},
                        baseline_runs)


def _chance(mk: np.ndarray, min_group: int, seed: int, previous: dict,
            runs: int) -> tuple[list[float], dict]:
    """The shuffled copies' silhouettes, and what the next analysis may reuse of them. They
    are nine tenths of a big room's analysis and move with the room as a whole, not with one
    vote: a big room reuses those of the previous analyses until its placed votes changed by
    more than `groups_.CHANCE_DRIFT` since they were computed (issue 29: a vote reaches the
    projector's map of 5,000 people within 2 s)."""
    size = {"votes": int((~np.isnan(mk)).sum()), "shape": list(mk.shape), "runs": runs,
            "min_group": min_group, "seed": seed}
    kept = (previous.get("memory") or {}).get("chance") or {}
    if len(mk) > groups_.LARGE_ROOM and groups_.still_valid(kept, size):
        return kept["silhouettes"], kept
    chance = groups_.baseline(mk, project, min_group=min_group, seed=seed, runs=runs)
    return chance, {**size, "silhouettes": chance}


def _groups(mk: np.ndarray, points: np.ndarray, min_group: int, seed: int, previous: dict,
            runs: int) -> tuple[np.ndarray, dict, dict, dict]:
    """(group per placed person or -1, clarity, memory for the next analysis, the chance
    baseline to remember)."""
    found = groups_.clusterings(points, min_group=min_group, seed=seed)
    this_k = groups_.best_k(found)
    clarity = {"clear": False, "silhouette": None, "chance": None}
    kept = {}
    if this_k:
        chance, kept = _chance(mk, min_group, seed, previous, runs)
        clarity = {"clear": found[this_k][1] > max(chance, default=0.0),
                   "silhouette": round(found[this_k][1], 3),
                   "chance": round(max(chance, default=0.0), 3)}
    memory = groups_.smooth_k(this_k if clarity["clear"] else 0,
                              (previous.get("memory") or {}).get("k"))
    k = memory["k"] if memory["k"] in found else this_k
    if not clarity["clear"] or not k:
        return np.full(len(points), -1), clarity, memory, kept
    return found[k][0], clarity, memory, kept


def _analyse(people: list, statements: list, m: np.ndarray, min_group: int, min_votes: int,
             seed: int, previous: dict, runs: int) -> dict:
    seen = (~np.isnan(m)).sum(axis=1) if len(people) else np.zeros(0)
    enough = seen >= min(min_votes, len(statements)) if len(people) else np.zeros(0, bool)
    kept = [p for p, ok in zip(people, enough, strict=True) if ok]
    mk = m[enough] if len(people) else m
    points, extremity = _pca(mk)
    labels, clarity, memory, chance = (
        _groups(mk, points, min_group, seed, previous, runs) if kept
        else (np.zeros(0, int), {"clear": False, "silhouette": None, "chance": None}, {}, {}))
    # Largest group first; each takes the letter of the earlier group most of it was in.
    order = sorted(set(labels) - {-1}, key=lambda g: (-int((labels == g).sum()),
                                                      float(points[labels == g, 0].mean())))
    members = [[p for p, lab in zip(kept, labels, strict=True) if lab == g] for g in order]
    before = {g["label"]: g["members"] for g in previous.get("groups") or []}
    letters = groups_.keep_letters(members, before)
    letter_of = {g: letters[i] for i, g in enumerate(order)}
    groups = len(order)
    index = np.array([order.index(g) if g >= 0 else -1 for g in labels], dtype=int)
    shares = stats.group_shares(mk, index, groups) if groups else stats.group_shares(m, index, 0)
    scale = float(np.abs(points).max()) if len(points) and np.abs(points).max() > 0 else 1.0
    memory = {"k": memory, **({"chance": chance} if chance else {})}
    return {
        "voters": len(people),
        "votes": int((~np.isnan(m)).sum()),
        "participants": len(kept),
        "statements": statements,
        "points": [{"id": p, "x": round(float(x / scale), 3), "y": round(float(y / scale), 3),
                    "group": letter_of.get(g)}
                   for p, (x, y), g in zip(kept, points, labels, strict=True)],
        **clarity,
        "groups": sorted(({"label": letters[i], "size": len(members[i]),
                           "members": members[i],
                           "representative": stats.representative(mk, index, i, statements)}
                          for i in range(groups)), key=lambda g: g["label"]),
        "consensus": stats.consensus(m, shares, statements),
        "divisive": stats.divisive(shares, statements) if groups else [],
        "unclear": stats.unclear(m, statements),
        "priority": stats.priorities(m, extremity, statements),
        "memory": memory,
    }


def group_of(analysis: dict, participant) -> dict | None:
    """The group a participant is in, or None (too few votes, or no groups yet)."""
    for group in analysis.get("groups") or []:
        if participant in group["members"]:
            return group
    return None


def empty() -> dict:
    """The analysis of no votes, without computing anything (nor importing scikit-learn)."""
    return {"voters": 0, "votes": 0, "participants": 0, "statements": [], "points": [],
            "clear": False, "silhouette": None, "chance": None, "groups": [], "consensus": [],
            "divisive": [], "unclear": [], "priority": {}, "memory": {}}


def position_of(analysis: dict, participant) -> list[float] | None:
    """Where a participant stands on the map, for their own phone only."""
    for point in analysis.get("points") or []:
        if point["id"] == participant:
            return [point["x"], point["y"]]
    return None


def public(analysis: dict) -> dict:
    """What a screen may show: no ids, points in a fixed order that says nothing about who
    voted when, groups without their members (with the middle of each on the map)."""
    points = sorted((p["x"], p["y"], p["group"] or "") for p in analysis.get("points") or [])
    groups = []
    for g in analysis.get("groups") or []:
        mine = [(x, y) for x, y, label in points if label == g["label"]]
        centre = np.mean(mine, axis=0) if mine else (0.0, 0.0)
        groups.append({**{k: v for k, v in g.items() if k != "members"},
                       "centre": [round(float(centre[0]), 3), round(float(centre[1]), 3)]})
    return {
        "voters": analysis.get("voters", 0), "votes": analysis.get("votes", 0),
        "participants": analysis.get("participants", 0),
        "round": analysis.get("round", 0),
        "clear": bool(analysis.get("clear")),
        "silhouette": analysis.get("silhouette"), "chance": analysis.get("chance"),
        "points": [[x, y, g or None] for x, y, g in points],
        "groups": groups,
        "consensus": analysis.get("consensus") or [],
        "divisive": analysis.get("divisive") or [],
        "unclear": analysis.get("unclear") or [],
        "priority": {str(k): v for k, v in (analysis.get("priority") or {}).items()},
    }


def from_ratings(ratings: Iterable[tuple]) -> list[tuple]:
    """Delphi ratings (panelist, statement, 1–5) as votes: 4–5 agree, 1–2 disagree, 3 pass."""
    out = []
    for who, statement, rating in ratings:
        if rating is None:
            continue
        value = AGREE if rating >= 4 else DISAGREE if rating <= 2 else PASS
        out.append((who, statement, value))
    return out
