"""Comparing an analysis a server showed with one recomputed from the stored votes: the
server keeps group letters from one analysis to the next (cafe.domain.opinion_groups), a fresh
analysis names them by size, so the two agree on the map and on who is with whom, and their
letters correspond one to one. Screens get the points packed (cafe.domain.opinion_map)."""

from cafe.domain import opinion_map


def points(shown) -> list:
    """A screen's map as `opinion.public` gives it: `[[x, y, group | None], ...]`."""
    return opinion_map.unpack(shown) if isinstance(shown, dict) else shown


def letters(shown_points: list, expected_points: list) -> dict:
    """The expected letter for each shown letter; fails unless the maps are the same."""
    shown_points = points(shown_points)
    assert [p[:2] for p in shown_points] == [p[:2] for p in expected_points]
    pairs = {(s[2], e[2]) for s, e in zip(shown_points, expected_points, strict=True)}
    mapping = dict(pairs)
    assert len(mapping) == len(pairs) == len(set(mapping.values())), pairs
    return mapping
