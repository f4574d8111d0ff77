"""Issue 29: the screens' opinion map is packed (cafe.domain.opinion_map) and loses nothing."""

import json
import random

from cafe.domain import opinion, opinion_map


def test_the_packed_map_is_the_same_map_in_less_than_half_the_bytes():
    rng = random.Random(29)
    votes = [(p, s, (1 if (p % 3 == s % 2) else -1) if rng.random() > 0.1 else 0)
             for p in range(400) for s in range(30) if rng.random() < 0.6]
    points = opinion.public(opinion.analyse(votes))["points"]
    assert {p[2] for p in points} >= {"A", "B"}
    packed = opinion_map.pack(points)
    assert opinion_map.unpack(packed) == points
    assert len(json.dumps(packed)) < len(json.dumps(points)) / 2


def test_points_without_a_group_and_an_empty_map():
    points = [[-0.5, 0.25, None], [-0.5, 0.3, "A"], [0.001, -1.0, None], [1.0, 0.0, "B"]]
    assert opinion_map.pack(points) == {"x": [-500, 0, 501, 999], "y": [250, 300, -1000, 0],
                                        "g": ".A.B"}
    assert opinion_map.unpack(opinion_map.pack(points)) == points
    assert opinion_map.unpack(opinion_map.pack([])) == []
