"""Opinion groups from agree/disagree/pass votes, as Polis finds them. Pure: no Flask.

A room can hold groups that think differently (residents and professionals, old and new
neighbours); a plain majority hides them. The steps follow Polis (compdemocracy/polis,
math/src/polismath/math): the participant × statement matrix with missing votes is centred on
each statement's mean (a missing vote becomes that mean, so it pulls nobody anywhere) and
projected on its first two principal components; a participant who saw few statements is
pushed outwards by sqrt(statements / their votes), so that a sparse voter is not drawn to the
middle just for voting little. The projection is clustered with k-means, k from 2 to 5 chosen
by the silhouette. Per group: its representative statements (a two-proportion test against
the rest of the room), then group-informed consensus (the product over groups of the
Laplace-smoothed chance to agree) and the statements on which the groups split.

Votes are `(participant, statement, value)` with value 1 (agree), -1 (disagree) or 0 (pass);
ids are any sortable keys. The result is a plain JSON-able dict (see `analyse`).
"""

import math
from collections.abc import Iterable

import numpy as np

AGREE, PASS, DISAGREE = 1, 0, -1
VALUES = {"agree": AGREE, "pass": PASS, "disagree": DISAGREE}
# Polis clusters only participants who voted on at least this many statements (or on all).
MIN_VOTES = 7
# No group is shown with fewer people: nobody's votes may be guessed from a small group.
MIN_GROUP = 5
MAX_GROUPS = 5
# One-sided z for 95%: a representative statement must pass both tests at this level.
Z_95 = 1.6449
# A group leans one way when its smoothed chance to agree is this much more than its chance to
# disagree (or the reverse); passes count for neither. Consensus: every group leans the same
# way. Divisive: one group leans towards agreeing, another towards disagreeing.
LEAN = 0.2
REPRESENTATIVE_PER_GROUP = 5
LABELS = "ABCDE"
LARGE_ROOM = 300


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


def project(m: np.ndarray) -> np.ndarray:
    """Every row of M as a point in 2-D: PCA of the mean-imputed matrix, scaled outwards by
    sqrt(statements / votes) as Polis does for people who saw few statements."""
    from sklearn.decomposition import PCA

    n, k = m.shape
    if n == 0:
        return np.zeros((0, 2))
    voted = ~np.isnan(m)
    means = np.where(voted, m, 0).sum(axis=0) / np.maximum(voted.sum(axis=0), 1)
    centred = np.where(np.isnan(m), 0.0, m - means)
    components = min(2, n, k)
    points = np.zeros((n, 2))
    if components and np.any(centred):
        points[:, :components] = PCA(n_components=components, svd_solver="full").fit_transform(
            centred)
    seen = np.maximum((~np.isnan(m)).sum(axis=1), 1)
    return points * np.sqrt(k / seen)[:, None]


def cluster(points: np.ndarray, min_group: int = MIN_GROUP, max_groups: int = MAX_GROUPS,
            seed: int = 0) -> np.ndarray:
    """A group number per point (0 the largest group), k chosen by the silhouette among the
    k for which every group has at least `min_group` people; all -1 when no k qualifies."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = len(points)
    best, best_score = None, -2.0
    distinct = len(np.unique(points.round(9), axis=0))
    if distinct >= 2:
        # More groups than distinct points would only split identical voters apart.
        for k in range(2, min(max_groups, n // max(min_group, 1), distinct) + 1):
            # A room of a thousand: fewer restarts, and the silhouette (quadratic in people)
            # on a fixed sample; small rooms get the full treatment.
            labels = KMeans(n_clusters=k, n_init=10 if n <= LARGE_ROOM else 3,
                            random_state=seed).fit_predict(points)
            sizes = np.bincount(labels, minlength=k)
            if sizes.min() < min_group or len(set(labels)) < 2:
                continue
            score = silhouette_score(points, labels,
                                     sample_size=LARGE_ROOM if n > LARGE_ROOM else None,
                                     random_state=seed)
            if score > best_score + 1e-9:
                best, best_score = labels, score
    if best is None:
        return np.full(n, -1)
    # Stable names: A is the largest group, ties broken by where the group lies on the map.
    order = sorted(set(best), key=lambda g: (-int((best == g).sum()),
                                             float(points[best == g, 0].mean())))
    rename = {g: i for i, g in enumerate(order)}
    return np.array([rename[g] for g in best])


def _counts(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agrees, disagrees and votes seen (passes included) per statement."""
    return (m == AGREE).sum(axis=0), (m == DISAGREE).sum(axis=0), (~np.isnan(m)).sum(axis=0)


def _prop_z(successes: float, n: float) -> float:
    """Polis's one-proportion test against one half, with a pseudocount."""
    return 2 * math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def _two_prop_z(s1: float, n1: float, s2: float, n2: float) -> float:
    """Two-proportion z-test (in the group against the rest), with Polis's pseudocounts."""
    s1, n1, s2, n2 = s1 + 1, n1 + 1, s2 + 1, n2 + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 0.0 if spread == 0 else (p1 - p2) / spread


def representative(m: np.ndarray, labels: np.ndarray, group: int, statements: list,
                   limit: int = REPRESENTATIVE_PER_GROUP) -> list[dict]:
    """Where the group differs most from everyone else: statements that the group agrees (or
    disagrees) with significantly more than the rest, and significantly more than not."""
    inside, outside = m[labels == group], m[(labels != group) & (labels >= 0)]
    a_in, d_in, n_in = _counts(inside)
    a_out, d_out, n_out = _counts(outside)
    rows = []
    for j, statement in enumerate(statements):
        for direction, s_in, s_out in (("agree", a_in[j], a_out[j]),
                                       ("disagree", d_in[j], d_out[j])):
            share = (s_in + 1) / (n_in[j] + 2)
            others = (s_out + 1) / (n_out[j] + 2)
            z_group = _prop_z(s_in, n_in[j])
            z_others = _two_prop_z(s_in, n_in[j], s_out, n_out[j])
            if z_group < Z_95 or z_others < Z_95:
                continue
            rows.append({"statement": statement, "direction": direction,
                         "share": round(share, 3), "others": round(others, 3),
                         "z": round(z_others, 2), "n": int(n_in[j]),
                         "_rank": (share / others) * z_others * share * z_group})
    rows.sort(key=lambda r: (-r["_rank"], str(r["statement"])))
    chosen, seen = [], set()
    for row in rows:
        if row["statement"] in seen:
            continue
        seen.add(row["statement"])
        chosen.append({k: v for k, v in row.items() if k != "_rank"})
    return chosen[:limit]


def group_shares(m: np.ndarray, labels: np.ndarray, groups: int) -> dict[str, np.ndarray]:
    """Per group (rows) and statement (columns): the Laplace-smoothed chances to agree and to
    disagree, and the votes seen. With no groups the whole room counts as one."""
    parts = [m[labels == g] for g in range(groups)] if groups else [m]
    counted = [_counts(p) for p in parts]
    agree, disagree, seen = (np.array([c[i] for c in counted], dtype=float) for i in range(3))
    return {"agree": (agree + 1) / (seen + 2), "disagree": (disagree + 1) / (seen + 2),
            "seen": seen}


def consensus(shares: dict, statements: list) -> list[dict]:
    """Group-informed consensus: statements every group agrees with (or every group rejects),
    best first by the product of the groups' smoothed chances, as Polis ranks them."""
    out = []
    net = shares["agree"] - shares["disagree"]
    for direction, sign in (("agree", 1), ("disagree", -1)):
        p = shares[direction]
        for j, statement in enumerate(statements):
            if p.shape[0] and np.all(sign * net[:, j] >= LEAN):
                out.append({"statement": statement, "direction": direction,
                            "score": round(float(np.prod(p[:, j])), 4),
                            "groups": [round(float(x), 3) for x in p[:, j]]})
    out.sort(key=lambda r: (r["direction"] != "agree", -r["score"], str(r["statement"])))
    return out


def divisive(shares: dict, statements: list) -> list[dict]:
    """Where the room splits: one group mostly agrees while another mostly disagrees.
    `spread` is the distance between the groups' net agreement (agree minus disagree)."""
    if shares["agree"].shape[0] < 2:
        return []
    net = shares["agree"] - shares["disagree"]
    out = []
    for j, statement in enumerate(statements):
        high, low = float(net[:, j].max()), float(net[:, j].min())
        if high >= LEAN and low <= -LEAN:
            out.append({"statement": statement, "spread": round(high - low, 3),
                        "groups": [round(float(x), 3) for x in net[:, j]]})
    out.sort(key=lambda r: (-r["spread"], str(r["statement"])))
    return out


def analyse(votes: Iterable[tuple], min_group: int = MIN_GROUP, min_votes: int = MIN_VOTES,
            seed: int = 0) -> dict:
    """The whole analysis of a set of votes:

    {"voters", "votes", "participants" (those clustered), "statements": [ids],
     "points": [{"id", "x", "y", "group"}] (group a label or None),
     "groups": [{"label", "size", "members": [ids], "representative": [...]}],
     "consensus": [{"statement", "direction", "score", "groups": [share per group]}],
     "divisive": [{"statement", "spread", "groups": [net per group]}]}

    `members` and point ids are for the participant's own view only; screens get neither."""
    from threadpoolctl import threadpool_limits

    # One thread: the analysis runs beside the event loop on a small machine; BLAS and
    # OpenMP pools spinning on every core would slow the room more than they gain.
    with threadpool_limits(limits=1):
        return _analyse(list(votes), min_group, min_votes, seed)


def _analyse(votes: list, min_group: int, min_votes: int, seed: int) -> dict:
    people, statements, m = matrix(votes)
    seen = (~np.isnan(m)).sum(axis=1) if len(people) else np.zeros(0)
    enough = seen >= min(min_votes, len(statements)) if len(people) else np.zeros(0, bool)
    kept = [p for p, ok in zip(people, enough, strict=True) if ok]
    mk = m[enough] if len(people) else m
    points = project(mk)
    labels = cluster(points, min_group=min_group, seed=seed) if len(kept) else np.zeros(0, int)
    groups = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    shares = group_shares(mk, labels, groups) if groups else group_shares(m, labels, 0)
    scale = float(np.abs(points).max()) if len(points) and np.abs(points).max() > 0 else 1.0
    return {
        "voters": len(people),
        "votes": int((~np.isnan(m)).sum()),
        "participants": len(kept),
        "statements": statements,
        "points": [{"id": p, "x": round(float(x / scale), 3), "y": round(float(y / scale), 3),
                    "group": LABELS[g] if g >= 0 else None}
                   for p, (x, y), g in zip(kept, points, labels, strict=True)],
        "groups": [{"label": LABELS[g], "size": int((labels == g).sum()),
                    "members": [p for p, lab in zip(kept, labels, strict=True) if lab == g],
                    "representative": representative(mk, labels, g, statements)}
                   for g in range(groups)],
        "consensus": consensus(shares, statements),
        "divisive": divisive(shares, statements) if groups else [],
    }


def group_of(analysis: dict, participant) -> dict | None:
    """The group a participant is in, or None (too few votes, or no groups yet)."""
    for group in analysis.get("groups") or []:
        if participant in group["members"]:
            return group
    return None


def public(analysis: dict) -> dict:
    """What a screen may show: no ids, points in a fixed order that says nothing about who
    voted when, groups without their members."""
    points = sorted((p["x"], p["y"], p["group"] or "") for p in analysis.get("points") or [])
    return {
        "voters": analysis.get("voters", 0), "votes": analysis.get("votes", 0),
        "participants": analysis.get("participants", 0),
        "points": [[x, y, g or None] for x, y, g in points],
        "groups": [{k: v for k, v in g.items() if k != "members"}
                   for g in analysis.get("groups") or []],
        "consensus": analysis.get("consensus") or [],
        "divisive": analysis.get("divisive") or [],
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
