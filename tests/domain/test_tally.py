"""The tallies against results computed by hand."""

import random

import pytest

from cafe.domain import tally as tally_module
from cafe.domain.tally import Ballot, Item, competition_ranks, quadrant, resolve, tally

A, B, C, D = (Item(1, "Eenzaamheid"), Item(2, "Mobiliteit"), Item(3, "Buurthuis"),
              Item(4, "Groen"))


def rows(result, *keys):
    return [tuple(row[k] for k in ("id", *keys)) for row in result["ranking"]]


def test_competition_ranks_share_a_rank_and_skip_the_next():
    assert competition_ranks([5, 5, 3, 2, 2, 2, 0]) == [
        (1, True), (1, True), (3, False), (4, True), (4, True), (4, True), (7, False)]
    assert competition_ranks([4.5, None]) == [(1, False), (None, False)]
    assert competition_ranks([]) == []


def test_resolve_follows_merge_chains_and_survives_cycles():
    merged = {1: 2, 2: 3, 7: 8, 8: 7}
    assert resolve(1, merged) == 3
    assert resolve(3, merged) == 3
    assert resolve(5, merged) == 5
    assert resolve(7, merged) in (7, 8)


def test_dot_tally_with_ties():
    ballots = [
        Ballot(voter=10, item=1, dots=2), Ballot(voter=10, item=2, dots=1),
        Ballot(voter=11, item=2, dots=2), Ballot(voter=11, item=3, dots=1),
        Ballot(voter=12, item=1, dots=1),
    ]
    result = tally("dot", [A, B, C, D], ballots)
    # A: 2+1 = 3, B: 1+2 = 3, C: 1, D: 0
    assert rows(result, "dots", "rank", "tied") == [
        (1, 3, 1, True), (2, 3, 1, True), (3, 1, 3, False), (4, 0, 4, False)]
    assert result["ranking"][0]["voters"] == 2
    assert result["voters"] == 3


def test_dot_tally_merged_and_hidden_cards():
    # Card 5 was merged into 6, which was merged into 2: its dots count for 2.
    # Card 9 is hidden (not votable): its dots are left out, as is its only voter.
    merged = {5: 6, 6: 2}
    ballots = [
        Ballot(voter=10, item=5, dots=1), Ballot(voter=10, item=2, dots=1),
        Ballot(voter=11, item=6, dots=1), Ballot(voter=11, item=1, dots=1),
        Ballot(voter=12, item=9, dots=3),
    ]
    result = tally("dot", [A, B], ballots, merged)
    # B: 1 (via 5) + 1 + 1 (via 6) = 3; A: 1
    assert rows(result, "dots", "rank", "voters") == [(2, 3, 1, 2), (1, 1, 2, 1)]
    assert result["voters"] == 2
    assert all(row["id"] != 9 for row in result["ranking"])


def test_withdrawn_votes_are_simply_absent():
    before = [Ballot(voter=10, item=1, dots=2), Ballot(voter=11, item=2, dots=1)]
    after = [b for b in before if b.voter != 10]  # voter 10 withdrew
    assert rows(tally("dot", [A, B], before), "dots") == [(1, 2), (2, 1)]
    result = tally("dot", [A, B], after)
    assert rows(result, "dots", "rank") == [(2, 1, 1), (1, 0, 2)]
    assert result["voters"] == 1
    empty = tally("dot", [A, B], [])
    assert rows(empty, "dots", "rank", "tied") == [(1, 0, 1, True), (2, 0, 1, True)]
    assert empty["voters"] == 0 and empty["by_role"] == {}


def test_borda_and_first_choices():
    k = 3
    ballots = [
        # voter 10: A > B > C ; voter 11: B > A ; voter 12: C > A > D
        Ballot(10, 1, position=1), Ballot(10, 2, position=2), Ballot(10, 3, position=3),
        Ballot(11, 2, position=1), Ballot(11, 1, position=2),
        Ballot(12, 3, position=1), Ballot(12, 1, position=2), Ballot(12, 4, position=3),
    ]
    result = tally("rank", [A, B, C, D], ballots, k=k)
    # A: 3+2+2 = 7; B: 2+3 = 5; C: 1+3 = 4; D: 1
    assert rows(result, "borda", "first_choices", "rank", "tied") == [
        (1, 7, 1, 1, False), (2, 5, 1, 2, False), (3, 4, 1, 3, False), (4, 1, 0, 4, False)]


def test_borda_tie_stays_a_tie_even_with_different_first_choices():
    ballots = [Ballot(10, 1, position=1), Ballot(10, 2, position=2),
               Ballot(11, 2, position=1), Ballot(11, 1, position=2)]
    result = tally("rank", [A, B], ballots, k=2)
    assert rows(result, "borda", "rank", "tied") == [(1, 3, 1, True), (2, 3, 1, True)]


def test_borda_merge_keeps_a_voters_best_position_once():
    # voter 10 ranked 5 first, 2 second, 1 third; 5 merged into 2: 2 is first once (3 points),
    # and 1 moves up to second place (2 points).
    ballots = [Ballot(10, 5, position=1), Ballot(10, 2, position=2), Ballot(10, 1, position=3)]
    result = tally("rank", [A, B], ballots, {5: 2}, k=3)
    assert rows(result, "borda", "first_choices") == [(2, 3, 1), (1, 2, 0)]


def test_borda_ranking_closes_the_gap_of_a_hidden_card():
    # voter 10: 9 (hidden since) > A > B ; voter 11: B > A. k = 2
    ballots = [Ballot(10, 9, position=1), Ballot(10, 1, position=2), Ballot(10, 2, position=3),
               Ballot(11, 2, position=1), Ballot(11, 1, position=2)]
    result = tally("rank", [A, B], ballots, k=2)
    # A: 2 (first for voter 10 now) + 1 = 3; B: 1 + 2 = 3; one first choice each: a tie.
    assert rows(result, "borda", "first_choices", "rank", "tied") == [
        (1, 3, 1, 1, True), (2, 3, 1, 1, True)]


def test_rating_means_medians_and_quadrants():
    ballots = [
        Ballot(10, 1, importance=5, urgency=4), Ballot(11, 1, importance=4, urgency=5),
        Ballot(12, 1, importance=3, urgency=1),
        Ballot(10, 2, importance=2, urgency=1), Ballot(11, 2, importance=1, urgency=2),
    ]
    result = tally("rate", [A, B, C], ballots)
    a, b, c = result["ranking"]
    assert (a["id"], a["n"], a["importance"], a["urgency"]) == (1, 3, 4.0, 3.33)
    assert (a["importance_median"], a["urgency_median"]) == (4, 4)
    assert a["score"] == 3.67 and a["quadrant"] == "important_urgent" and a["rank"] == 1
    assert (b["id"], b["n"], b["importance"], b["urgency"], b["score"]) == (2, 2, 1.5, 1.5, 1.5)
    assert b["quadrant"] == "neither" and b["rank"] == 2
    # Nobody rated C: no score, no rank, last.
    assert (c["id"], c["n"], c["score"], c["rank"], c["quadrant"]) == (3, 0, None, None, None)


def test_rating_merge_averages_a_voters_ratings_first():
    ballots = [Ballot(10, 5, importance=5, urgency=5), Ballot(10, 1, importance=1, urgency=3),
               Ballot(11, 1, importance=2, urgency=2)]
    a = tally("rate", [A], ballots, {5: 1})["ranking"][0]
    # voter 10 counts once with (3, 4); voter 11 with (2, 2)
    assert (a["n"], a["importance"], a["urgency"]) == (2, 2.5, 3.0)


def test_quadrants():
    assert quadrant(3, 3) == "important_urgent"
    assert quadrant(4.5, 1) == "important"
    assert quadrant(2.9, 5) == "urgent"
    assert quadrant(1, 2) == "neither"
    assert quadrant(None, 2) is None


def test_results_per_role_and_total():
    ballots = [
        Ballot(10, 1, role="resident", dots=2), Ballot(11, 1, role="resident", dots=1),
        Ballot(12, 2, role="professional", dots=3), Ballot(13, 2, role=None, dots=1),
    ]
    result = tally("dot", [A, B], ballots)
    assert rows(result, "dots") == [(2, 4), (1, 3)]
    resident = {"ranking": result["by_role"]["resident"]}
    assert rows(resident, "dots", "rank") == [(1, 3, 1), (2, 0, 2)]
    assert rows({"ranking": result["by_role"]["professional"]}, "dots") == [(2, 3), (1, 0)]
    assert rows({"ranking": result["by_role"]["unspecified"]}, "dots") == [(2, 1), (1, 0)]
    assert result["voters_by_role"] == {"professional": 1, "resident": 2, "unspecified": 1}


def test_unknown_method():
    with pytest.raises(ValueError):
        tally("approval", [A], [])


def _random_vote(method: str, seed: int):
    rng = random.Random(seed)
    items = [tally_module.Item(i, f"Kaart {i}") for i in range(1, 31)]
    merged = {31: 2, 32: 31}  # a chain: 32 -> 31 -> 2
    ballots = []
    for voter in range(1, 26):
        role = rng.choice(["resident", "professional", None])
        for item in rng.sample([*range(1, 31), 31, 32, 99], rng.randint(0, 4)):
            if method == "dot":
                ballots.append(tally_module.Ballot(voter, item, role, dots=rng.randint(1, 3)))
            else:
                ballots.append(tally_module.Ballot(voter, item, role, importance=rng.randint(1, 5),
                                            urgency=rng.randint(1, 5)))
    return items, ballots, merged


@pytest.mark.parametrize("method", ["dot", "rate"])
@pytest.mark.parametrize("seed", range(6))
def test_rows_of_a_few_items_and_the_leading_rows_are_the_full_tallys(method, seed):
    """What a patch and a phone get after a ballot, computed without walking every item,
    is what the full tally says of those items."""
    items, ballots, merged = _random_vote(method, seed)
    full = tally_module.tally(method, items, ballots, merged)
    votable = {item.id for item in items}
    some = [items[1], items[7], items[20]]
    part = tally_module.rows_of(method, some, ballots, votable, merged)
    assert part["voters"] == full["voters"]
    assert part["voters_by_role"] == full["voters_by_role"]
    strip = ("rank", "tied")

    def rows(ranking, ids):
        return {r["id"]: {k: v for k, v in r.items() if k not in strip}
                for r in ranking if r["id"] in ids}

    ids = {item.id for item in some}
    assert rows(part["ranking"], ids) == rows(full["ranking"], ids)
    for role, ranking in full["by_role"].items():
        assert rows(part["by_role"][role], ids) == rows(ranking, ids)
    voted = {tally_module.resolve(b.item, merged) for b in ballots} & votable
    counted = tally_module.rows_of(method, [i for i in items if i.id in voted], ballots,
                                   votable, merged)
    lead = tally_module.top_rows(method, counted["ranking"],
                                 (i for i in items if i.id not in voted), votable, 12)
    assert counted["voters"] == full["voters"]
    assert lead == full["ranking"][:12]


MEDIANS = ("importance_median", "urgency_median")


@pytest.mark.parametrize("method", ["dot", "rate"])
@pytest.mark.parametrize("seed", range(6))
def test_rows_from_an_items_sums_are_the_full_tallys(method, seed):
    """The phones' leading rows from what a database sums per item (a voter's one entry on an
    item: no merges here) are the full tally's first rows, medians apart."""
    rng = random.Random(seed)
    items = [Item(i, f"Kaart {i}") for i in range(1, 41)]
    ballots = []
    for voter in range(1, 31):
        for item in rng.sample(range(1, 41), rng.randint(0, 5)):
            if method == "dot":
                ballots.append(Ballot(voter, item, dots=rng.randint(1, 3)))
            else:
                ballots.append(Ballot(voter, item, importance=rng.randint(1, 5),
                                      urgency=rng.randint(1, 5)))
    totals: dict[int, tally_module.Totals] = {}
    for b in ballots:
        n, first, second = totals.get(b.item, (0, 0, 0))
        totals[b.item] = tally_module.Totals(
            n + 1, first + (b.dots if method == "dot" else b.importance), second + (b.urgency or 0))
    voted = [item for item in items if item.id in totals]
    rows = tally_module.rows_from_totals(method, voted, totals)
    top = tally_module.top_rows(method, rows, (i for i in items if i.id not in totals),
                                {i.id for i in items}, 15)
    full = tally(method, items, ballots)["ranking"][:15]
    assert top == [{k: v for k, v in row.items() if k not in MEDIANS} for row in full]
