import random

import numpy as np
import pytest

from cafe.domain.delphi_stats import Rules, changed_share, classify, describe, stability


def test_hand_computed_example():
    stats = describe([5, 4, 4, 5, 3, None])
    assert stats["n"] == 5
    assert stats["median"] == 4
    assert (stats["q1"], stats["q3"], stats["iqr"]) == (4, 5, 1)
    assert stats["agree"] == pytest.approx(0.8)
    assert stats["distribution"] == {"1": 0, "2": 0, "3": 1, "4": 2, "5": 2}
    assert classify(stats) == "consensus"


def test_polarised_is_dissent_even_with_a_middle_median():
    stats = describe([1, 1, 2, 5, 5, 4, 3])
    assert stats["polarised"] is True
    assert classify(stats) == "dissent"


def test_wide_spread_without_poles_is_undecided():
    assert classify(describe([2, 3, 3, 4, 5, 3])) == "undecided"


def test_empty_is_undecided():
    assert describe([])["n"] == 0 and classify(describe([])) == "undecided"


def test_rules_are_settings():
    stats = describe([4, 4, 5, 3, 3])
    assert classify(stats) == "undecided"
    assert classify(stats, Rules(consensus_min_agree=0.6, consensus_max_iqr=1.0)) == "consensus"


@pytest.mark.parametrize("seed", range(20))
def test_matches_numpy(seed):
    rng = random.Random(seed)
    values = [rng.randint(1, 5) for _ in range(rng.randint(1, 40))]
    stats = describe(values)
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    assert stats["median"] == pytest.approx(med)
    assert stats["iqr"] == pytest.approx(q3 - q1)
    assert stats["agree"] == pytest.approx(np.mean(np.array(values) >= 4))


def test_stability_and_change():
    assert stability([1, 3, 5, 5], [4, 4, 5, 5])["stable"] is False
    assert stability([4, 4, 5], [4, 4, 5])["stable"] is True
    assert changed_share([(1, 1), (2, 3), (None, 4)]) == 0.5
