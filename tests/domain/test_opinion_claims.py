"""Issue 28: opinion groups say only what the votes say. Pure functions, no server.

- Random votes make no groups (a permutation baseline of the same matrix); then nothing is
  listed as dividing the room.
- Consensus needs more than half agreeing, significantly (Polis's 90% one-proportion test).
- Group numbers change only when the new number holds (Polis's group-k-smoother) and groups
  keep their letters while most of their people stay.
- Representative statements: Polis's 90% tests, the best agreed first, agrees before
  disagrees. Statements are routed by Polis's priority: few votes and high extremity first."""

import random

import pytest

from cafe.domain import opinion, opinion_groups, opinion_stats


def random_room(people: int, statements: int, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    return [(f"p{p}", f"s{s:02d}", rng.choice((opinion.AGREE, opinion.DISAGREE, opinion.PASS)))
            for p in range(people) for s in range(statements) if rng.random() > 0.2]


def planted(sizes: tuple, statements: int = 20, seed: int = 1, noise: float = 0.08) -> list:
    rng = random.Random(seed)
    leans = [[rng.choice((1, -1)) for _ in range(statements)] for _ in sizes]
    votes, who = [], 0
    for g, size in enumerate(sizes):
        for _ in range(size):
            for s in range(statements):
                if rng.random() < 0.2:
                    continue
                lean = leans[g][s] if rng.random() > noise else -leans[g][s]
                votes.append((f"p{who:03d}", f"s{s:02d}", lean))
            who += 1
    return votes


@pytest.mark.parametrize("seed", [1, 7, 4242])
def test_random_votes_show_no_clear_groups_and_no_divisive_list(seed):
    result = opinion.analyse(random_room(60, 20, seed))
    assert result["clear"] is False
    assert result["groups"] == [] and result["divisive"] == []
    assert all(p["group"] is None for p in result["points"])
    shown = opinion.public(result)
    assert shown["clear"] is False and shown["groups"] == [] and shown["divisive"] == []


def test_planted_groups_are_clearer_than_chance():
    result = opinion.analyse(planted((30, 18, 12)))
    assert result["clear"] is True and result["silhouette"] > result["chance"]
    assert sorted(g["size"] for g in result["groups"]) == [12, 18, 30]
    assert result["divisive"]


def test_the_eight_person_room_lists_as_consensus_only_a_significant_majority():
    people = [f"p{n}" for n in range(8)]

    def votes_of(statement, agree, disagree, passes):
        values = [1] * agree + [-1] * disagree + [0] * passes
        return [(who, statement, v) for who, v in zip(people, values, strict=False)]

    votes = (votes_of("S04", 3, 1, 4) + votes_of("S08", 4, 2, 2) + votes_of("S13", 4, 4, 0)
             + votes_of("S20", 7, 1, 0) + votes_of("S21", 0, 7, 1)
             + [(who, f"X{n}", random.Random(n * 8 + i).choice((1, -1, 0)))
                for n in range(6) for i, who in enumerate(people)])
    result = opinion.analyse(votes)
    listed = {c["statement"]: c for c in result["consensus"]}
    assert set(listed) == {"S20", "S21"}
    for row in result["consensus"]:
        assert row["share"] > 0.5
        hits = row["share"] * (row["n"] + 2) - 1
        assert opinion_stats.prop_z(hits, row["n"]) > opinion_stats.Z_90
    assert listed["S20"]["direction"] == "agree" and listed["S21"]["direction"] == "disagree"


def test_the_number_of_groups_changes_only_when_the_new_one_holds():
    memory = None
    shown = []
    for k in (3, 2, 3, 2, 2, 2, 2, 3):
        memory = opinion_groups.smooth_k(k, memory)
        shown.append(memory["k"])
    assert shown == [3, 3, 3, 3, 3, 3, 2, 2]


def test_groups_keep_their_letters_while_their_people_stay():
    before = {"A": ["a1", "a2", "a3", "a4"], "B": ["b1", "b2", "b3"]}
    # The old B grew past the old A: still B. A newcomer group takes a free letter.
    now = [["b1", "b2", "b3", "n1", "n2"], ["a1", "a2", "a3"], ["x1", "x2"]]
    assert opinion_groups.keep_letters(now, before) == ["B", "A", "C"]
    # Most of A left: the group that holds one of them is not A any more.
    assert opinion_groups.keep_letters([["a1", "y1", "y2", "y3"]], before) == ["C"]


def test_an_analysis_keeps_the_letters_of_the_previous_one():
    votes = planted((25, 20))
    first = opinion.analyse(votes)
    swapped = {**first, "groups": [{**g, "label": "B" if g["label"] == "A" else "A"}
                                   for g in first["groups"]]}
    again = opinion.analyse(votes, previous=swapped)
    assert {g["label"]: g["members"] for g in again["groups"]} == \
        {g["label"]: g["members"] for g in swapped["groups"]}


def test_representative_statements_put_the_best_agreed_first_and_agrees_first():
    result = opinion.analyse(planted((25, 20), statements=24))
    for group in result["groups"]:
        rows = group["representative"]
        assert rows and len(rows) <= 5
        directions = [r["direction"] for r in rows]
        assert directions == sorted(directions)  # "agree" < "disagree"
        if rows[0]["direction"] == "agree":
            assert rows[0]["best_agree"]
        for row in rows:
            assert row["z"] > opinion_stats.Z_90 and row["share"] > row["others"]


def test_statements_with_few_votes_are_offered_first():
    votes = [(f"p{n}", "many", 1) for n in range(30)] + [(f"p{n}", "few", 1) for n in range(2)]
    priority = opinion.analyse(votes)["priority"]
    assert priority["few"] > priority["many"]


def test_unclear_statements_are_those_most_pass_on():
    votes = [(f"p{n}", "vague", 0 if n < 7 else 1) for n in range(10)] + \
        [(f"p{n}", "plain", 1) for n in range(10)]
    unclear = opinion.analyse(votes)["unclear"]
    assert [u["statement"] for u in unclear] == ["vague"] and unclear[0]["passes"] == 7
