"""Counting and ordering questions, as plain data (cafe.activities.questions.ranking)."""

from cafe.activities.questions import ranking


def test_a_person_counts_once_for_a_question_and_its_merged_duplicates():
    # 1 and 2 were merged into 3; 4 stands alone. Participant 10 upvoted 1 and 3.
    ends = ranking.chain_ends({1: 3, 2: 3})
    votes = [(1, 10), (3, 10), (2, 11), (3, 12), (4, 10)]
    assert ranking.vote_counts(votes, ends) == {3: 3, 4: 1}
    assert ranking.voted_by(votes, ends, 10) == {3, 4}
    assert ranking.voted_by(votes, ends, 11) == {3}


def test_merges_of_merges_end_in_one_question_and_a_loop_stops():
    assert ranking.chain_ends({1: 2, 2: 3}) == {1: 3, 2: 3}
    loop = ranking.chain_ends({1: 2, 2: 1})
    assert set(loop) == {1, 2}  # ends somewhere instead of hanging


def test_most_upvoted_first_the_older_first_among_equals_or_newest_first():
    rows = [{"id": 1, "votes": 2}, {"id": 2, "votes": 5}, {"id": 3, "votes": 2},
            {"id": 4, "votes": 0}]
    assert [r["id"] for r in ranking.order(rows)] == [2, 1, 3, 4]
    assert [r["id"] for r in ranking.order(rows, "newest")] == [4, 3, 2, 1]


def test_findings_offer_every_question_and_tick_the_open_ones():
    from cafe.activities.questions.findings import findings

    results = {"type": "questions", "questions": [
        {"id": 7, "text": "Wie betaalt de bankjes?", "votes": 5, "answered": True,
         "pinned": False, "merged": 1},
        {"id": 3, "text": "Komt er een zebrapad?", "votes": 2, "answered": False,
         "pinned": True, "merged": 0}]}
    rows = findings(results, "s1:a2")
    assert [(r["key"], r["section"], r["default"]) for r in rows] == [
        ("s1:a2:q7", "question", False), ("s1:a2:q3", "question", True)]
    assert rows[0]["detail"] == {"votes": 5, "answered": True, "merged": 1}
    assert findings({}, "x") == []
