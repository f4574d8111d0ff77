"""Which opinion groups a room has, whether they are clearer than chance, and how they stay
recognisable from one analysis to the next. Pure: no Flask.

- `clusterings`: k-means of the map for each k from 2 to 5 whose groups all have at least
  five people, with the silhouette of each.
- `clear`: the best silhouette must beat every one of `BASELINE_RUNS` shuffled copies of the
  same votes (each statement's votes dealt out again among the people who voted on it: the
  same statements, the same counts, no relation between statements). Random voters make groups
  too; a room whose groups are no sharper than shuffled votes has no clear groups yet.
- `smooth_k`: Polis's group-k-smoother (conversation.clj): the number of groups changes only
  when the new number came out best in `K_BUFFER` analyses in a row.
- `keep_letters`: each new group takes the letter of the earlier group it shares most members
  with (an optimal one-to-one matching), so group B stays B while most of its people stay.
"""

import numpy as np

MIN_GROUP = 5
MAX_GROUPS = 5
LARGE_ROOM = 300
LABELS = "ABCDE"
BASELINE_RUNS = 19  # beating all 19 shuffles: chance would do so 1 time in 20
K_BUFFER = 4  # Polis's :group-k-buffer
# A big room's chance baseline holds until its placed votes changed by this share.
CHANCE_DRIFT = 0.01


def clusterings(points: np.ndarray, min_group: int = MIN_GROUP,
                max_groups: int = MAX_GROUPS, seed: int = 0, restarts: int | None = None
                ) -> dict[int, tuple[np.ndarray, float]]:
    """{k: (group per point, silhouette)} for every k whose groups all hold `min_group`."""
    from sklearn.cluster import KMeans  # noqa: PLC0415 - scikit-learn: 4 s and 140 MB, loaded at the first analysis
    from sklearn.metrics import silhouette_score  # noqa: PLC0415 - as above

    n = len(points)
    out = {}
    distinct = len(np.unique(points.round(9), axis=0)) if n else 0
    if distinct < 2:
        return out
    if restarts is None:
        restarts = 10 if n <= LARGE_ROOM else 3
    # More groups than distinct points would only split identical voters apart.
    for k in range(2, min(max_groups, n // max(min_group, 1), distinct) + 1):
        labels = KMeans(n_clusters=k, n_init=restarts, random_state=seed).fit_predict(points)
        sizes = np.bincount(labels, minlength=k)
        if sizes.min() < min_group or len(set(labels)) < 2:
            continue
        # The silhouette is quadratic in people: a big room's is taken on a fixed sample.
        score = silhouette_score(points, labels,
                                 sample_size=LARGE_ROOM if n > LARGE_ROOM else None,
                                 random_state=seed)
        out[k] = (labels, float(score))
    return out


def best_k(found: dict) -> int:
    return max(found, key=lambda k: (found[k][1], -k)) if found else 0


def shuffled(m: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The votes of each statement dealt out again among the people who voted on it."""
    out = m.copy()
    for j in range(m.shape[1]):
        seen = np.flatnonzero(~np.isnan(m[:, j]))
        out[seen, j] = rng.permutation(m[seen, j])
    return out


def baseline(m: np.ndarray, project, min_group: int = MIN_GROUP, seed: int = 0,
             runs: int = BASELINE_RUNS) -> list[float]:
    """The best silhouette of each shuffled copy (0 when a copy has no groups at all)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(runs):
        found = clusterings(project(shuffled(m, rng)), min_group=min_group, seed=seed,
                            restarts=1)
        out.append(max((s for _, s in found.values()), default=0.0))
    return out


def still_valid(kept: dict, now: dict) -> bool:
    """Whether a chance baseline computed on the votes `kept` describes (their count, the
    matrix's shape, how it was computed) still holds for the votes `now`: the same statements
    and settings, and people and votes within CHANCE_DRIFT of those it was computed on."""
    if not kept.get("silhouettes") or any(kept.get(k) != now[k]
                                          for k in ("runs", "min_group", "seed")):
        return False
    (people, statements), (people_then, statements_then) = now["shape"], kept["shape"]
    return (statements == statements_then
            and abs(people - people_then) <= CHANCE_DRIFT * people_then
            and abs(now["votes"] - kept["votes"]) <= CHANCE_DRIFT * kept["votes"])


def smooth_k(this_k: int, memory: dict | None, buffer: int = K_BUFFER) -> dict:
    """{"last", "count", "k"}: `k` is the number of groups to show."""
    memory = memory or {}
    count = memory.get("count", 0) + 1 if memory.get("last") == this_k else 1
    shown = memory.get("k")
    k = this_k if count >= buffer or not shown else shown
    return {"last": this_k, "count": count, "k": k}


def keep_letters(groups: list[list], before: dict[str, list]) -> list[str]:
    """A letter per new group (lists of members, largest first): the letter of the earlier
    group it shares most members with, matched one to one; new groups take free letters."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415 - scipy with scikit-learn, loaded late

    letters: list[str | None] = [None] * len(groups)
    old = sorted(before)
    if groups and old:
        sets = [set(members) for members in groups]
        overlap = np.array([[len(s & set(before[letter])) for letter in old] for s in sets])
        rows, cols = linear_sum_assignment(-overlap)
        for r, c in zip(rows, cols, strict=True):
            # The letter stays when most members stay: of the smaller of the two groups,
            # more than half are in both.
            if 2 * overlap[r, c] > min(len(sets[r]), len(before[old[c]])):
                letters[r] = old[c]
    # A letter that just lost its group is taken last: "A" should not name new people at once.
    free = iter(sorted((letter for letter in LABELS if letter not in letters),
                       key=lambda letter: (letter in before, letter)))
    return [letter or next(free) for letter in letters]
