"""Policy Delphi statistics: per statement and scale, the group's answer and how it agrees.

Ratings are 1..5 (5 = most desirable / feasible / important); "no opinion" is left out of n.
Quartiles use linear interpolation between order statistics (numpy.percentile's default,
Hyndman & Fan type 7), so anyone can check the numbers with a spreadsheet's QUARTILE.INC.
A Policy Delphi reports dissent as a result, not as a failure to agree.
"""

from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Rules:
    consensus_max_iqr: float = 1.0
    consensus_min_agree: float = 0.70
    # Polarised: both ends of the scale (1–2 and 4–5) each hold at least this share.
    polarised_min_each_end: float = 0.30
    scale_max: int = 5


def quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def describe(ratings: list[int], rules: Rules = Rules()) -> dict:
    values = sorted(r for r in ratings if r is not None)
    n = len(values)
    distribution = {str(k): values.count(k) for k in range(1, rules.scale_max + 1)}
    if n == 0:
        return {"n": 0, "median": None, "q1": None, "q3": None, "iqr": None, "agree": None,
                "distribution": distribution, "polarised": False}
    q1, q3 = quantile(values, 0.25), quantile(values, 0.75)
    top_two = sum(1 for v in values if v >= rules.scale_max - 1) / n
    bottom_two = sum(1 for v in values if v <= 2) / n
    return {
        "n": n,
        "median": float(median(values)),
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
        "agree": top_two,
        "distribution": distribution,
        "polarised": top_two >= rules.polarised_min_each_end
        and bottom_two >= rules.polarised_min_each_end,
    }


def classify(stats: dict, rules: Rules = Rules()) -> str:
    if not stats["n"]:
        return "undecided"
    if stats["polarised"]:
        return "dissent"
    if stats["iqr"] <= rules.consensus_max_iqr and stats["agree"] >= rules.consensus_min_agree:
        return "consensus"
    return "undecided"


def stability(previous: list[int], current: list[int]) -> dict:
    """How much the group moved between two rounds: change in median and in IQR."""
    before, after = describe(previous), describe(current)
    if not before["n"] or not after["n"]:
        return {"median_change": None, "iqr_change": None, "stable": None}
    median_change = after["median"] - before["median"]
    iqr_change = after["iqr"] - before["iqr"]
    return {"median_change": median_change, "iqr_change": iqr_change,
            "stable": abs(median_change) < 0.5 and abs(iqr_change) <= 0.5}


def changed_share(pairs: list[tuple[int | None, int | None]]) -> float | None:
    """Share of panelists who answered both rounds and changed their rating."""
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    return None if not both else sum(1 for a, b in both if a != b) / len(both)
