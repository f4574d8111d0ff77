"""The statistics of opinion groups, as Polis computes them (compdemocracy/polis,
math/src/polismath/math/repness.clj and stats.clj). Pure: no Flask.

`m` is the participant × statement matrix of votes (1 agree, -1 disagree, 0 pass, NaN not
seen); `labels` a group number per row (-1: in no group). Shares are Laplace-smoothed:
(agree + 1) / (seen + 2).
"""

import math

import numpy as np

AGREE, PASS, DISAGREE = 1, 0, -1
# Polis's significance: one-sided z at 90% (stats/z-sig-90?), for representative statements
# and for consensus alike.
Z_90 = 1.2816
REPRESENTATIVE_PER_GROUP = 5
CONSENSUS_PER_DIRECTION = 5
# A group leans one way when its smoothed chance to agree is this much more than its chance to
# disagree (or the reverse); passes count for neither. Divisive: one group leans towards
# agreeing, another towards disagreeing; consensus (with groups): none leans the other way.
LEAN = 0.2
# "Unclear": at least this share of the votes a statement got are passes (and 5 votes at least).
UNCLEAR_PASSES = 0.5
UNCLEAR_MIN_VOTES = 5


def counts(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agrees, disagrees and votes seen (passes included) per statement."""
    return (m == AGREE).sum(axis=0), (m == DISAGREE).sum(axis=0), (~np.isnan(m)).sum(axis=0)


def prop_z(successes: float, n: float) -> float:
    """Polis's one-proportion test against one half, with a pseudocount (stats/prop-test)."""
    return 2 * math.sqrt(n + 1) * ((successes + 1) / (n + 1) - 0.5)


def two_prop_z(s1: float, n1: float, s2: float, n2: float) -> float:
    """Two-proportion z-test, in the group against the rest (stats/two-prop-test)."""
    s1, n1, s2, n2 = s1 + 1, n1 + 1, s2 + 1, n2 + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 0.0 if spread == 0 else (p1 - p2) / spread


def _sides(j, a_in, d_in, n_in, a_out, d_out, n_out) -> dict:
    """Polis's comment-stats plus comparative stats of statement j for one group."""
    out_share = {"agree": (a_out[j] + 1) / (n_out[j] + 2),
                 "disagree": (d_out[j] + 1) / (n_out[j] + 2)}
    sides = {}
    for direction, s_in, s_out in (("agree", a_in[j], a_out[j]),
                                   ("disagree", d_in[j], d_out[j])):
        share = (s_in + 1) / (n_in[j] + 2)
        sides[direction] = {
            "p": share, "p_z": prop_z(s_in, n_in[j]), "others": out_share[direction],
            "r": share / out_share[direction], "r_z": two_prop_z(s_in, n_in[j], s_out, n_out[j]),
            "n": int(n_in[j]), "hits": int(s_in)}
    return sides


def _row(statement, direction: str, side: dict, best_agree: bool = False) -> dict:
    return {"statement": statement, "direction": direction, "share": round(side["p"], 3),
            "others": round(side["others"], 3), "z": round(side["r_z"], 2), "n": side["n"],
            "best_agree": best_agree}


def _metric(side: dict) -> float:
    return side["r"] * side["r_z"] * side["p"] * side["p_z"]


def representative(m: np.ndarray, labels: np.ndarray, group: int, statements: list,
                   limit: int = REPRESENTATIVE_PER_GROUP) -> list[dict]:
    """What sets the group apart (repness.clj select-rep-comments): statements the group
    agrees (or disagrees) with significantly more than the rest of the room and significantly
    more than not, both at 90%; ranked by ra × rat × pa × pat; the group's best agreed
    statement first, agrees before disagrees. Unlike Polis no statement is shown that passes
    no test: a group with none lists none."""
    inside, outside = m[labels == group], m[(labels != group) & (labels >= 0)]
    a_in, d_in, n_in = counts(inside)
    a_out, d_out, n_out = counts(outside)
    chosen, best = [], None
    for j, statement in enumerate(statements):
        sides = _sides(j, a_in, d_in, n_in, a_out, d_out, n_out)
        agree, disagree = sides["agree"], sides["disagree"]
        passes = [d for d, s in sides.items() if s["r_z"] > Z_90 and s["p_z"] > Z_90]
        if passes:
            direction = "agree" if agree["r_z"] > disagree["r_z"] else "disagree"
            if direction not in passes:
                direction = passes[0]
            chosen.append((_metric(sides[direction]), statement, direction, sides[direction]))
        if agree["hits"] and agree["p_z"] > Z_90 and agree["r"] > 1 and agree["r_z"] > Z_90 \
                and (best is None or _metric(agree) > best[0]):
            best = (_metric(agree), statement, "agree", agree)
    chosen.sort(key=lambda c: (-c[0], str(c[1])))
    if best is not None:
        chosen = [best] + [c for c in chosen if c[1] != best[1]]
    rows = [_row(s, d, side, best_agree=best is not None and s == best[1])
            for _, s, d, side in chosen[:limit]]
    return [r for r in rows if r["direction"] == "agree"] + \
        [r for r in rows if r["direction"] == "disagree"]


def group_shares(m: np.ndarray, labels: np.ndarray, groups: int) -> dict[str, np.ndarray]:
    """Per group (rows) and statement (columns): the smoothed chances to agree and to
    disagree, and the votes seen. With no groups the whole room counts as one."""
    parts = [m[labels == g] for g in range(groups)] if groups else [m]
    counted = [counts(p) for p in parts]
    agree, disagree, seen = (np.array([c[i] for c in counted], dtype=float) for i in range(3))
    return {"agree": (agree + 1) / (seen + 2), "disagree": (disagree + 1) / (seen + 2),
            "seen": seen}


def consensus(m: np.ndarray, shares: dict, statements: list,
              limit: int = CONSENSUS_PER_DIRECTION) -> list[dict]:
    """What the room agrees on (or rejects), as Polis selects it (select-consensus-comments):
    more than half of the voters on it agree (smoothed), significantly at 90%; with groups,
    moreover no group leans the other way. Best first by the product of the groups'
    smoothed chances (group-informed consensus); at most `limit` per direction."""
    a, d, n = counts(m)
    net = shares["agree"] - shares["disagree"]
    out = []
    for direction, sign, hits in (("agree", 1, a), ("disagree", -1, d)):
        p = shares[direction]
        rows = []
        for j, statement in enumerate(statements):
            room = (hits[j] + 1) / (n[j] + 2)
            if room <= 0.5 or prop_z(hits[j], n[j]) <= Z_90 or np.any(sign * net[:, j] <= -LEAN):
                continue
            rows.append({"statement": statement, "direction": direction,
                         "score": round(float(np.prod(p[:, j])), 4),
                         "share": round(float(room), 3), "n": int(n[j]),
                         "groups": [round(float(x), 3) for x in p[:, j]]})
        rows.sort(key=lambda r: (-r["score"], str(r["statement"])))
        out += rows[:limit]
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


def unclear(m: np.ndarray, statements: list) -> list[dict]:
    """Statements many people passed on: unclear, or a question the room cannot answer."""
    a, d, n = counts(m)
    out = []
    for j, statement in enumerate(statements):
        passes = int(n[j] - a[j] - d[j])
        if n[j] >= UNCLEAR_MIN_VOTES and passes / n[j] >= UNCLEAR_PASSES:
            out.append({"statement": statement, "passes": passes, "n": int(n[j]),
                        "share": round(passes / n[j], 3)})
    out.sort(key=lambda r: (-r["share"], str(r["statement"])))
    return out


def priorities(m: np.ndarray, extremity: np.ndarray, statements: list) -> dict:
    """How strongly to offer each statement next (conversation.clj priority-metric): the
    share agreeing and not passing, raised by how far the statement spreads people on the
    map (its extremity), and for a statement with few votes by up to nine times; squared."""
    a, d, n = counts(m)
    out = {}
    for j, statement in enumerate(statements):
        passes = n[j] - a[j] - d[j]
        importance = (1 - (passes + 1) / (n[j] + 2)) * (extremity[j] + 1) * (a[j] + 1) / (n[j] + 2)
        out[statement] = round(float((importance * (1 + 8 * 2 ** (-n[j] / 5))) ** 2), 4)
    return out
