"""Counting and ordering questions: plain data in, plain data out (no Flask, no database).

A duplicate the facilitator merged away counts for the question it went into; someone who
upvoted both counts once there, as in Slido, where every person has one like per question.
"""

from collections.abc import Iterable

# A chain longer than this is a loop someone made in the database by hand: stop following it.
_MAX_CHAIN = 1000


def chain_ends(merged_into: dict[int, int]) -> dict[int, int]:
    """{merged question: the question it counts for now}, following merges of merges."""
    ends = {}
    for start in merged_into:
        current, steps = start, 0
        while current in merged_into and steps <= _MAX_CHAIN:
            current, steps = merged_into[current], steps + 1
        ends[start] = current
    return ends


def vote_counts(votes: Iterable[tuple[int, int]], ends: dict[int, int]) -> dict[int, int]:
    """{question: distinct people who upvoted it or a duplicate merged into it}.

    votes: (question id, participant id) pairs; ends: as `chain_ends` gives."""
    voters: dict[int, set[int]] = {}
    for question, participant in votes:
        voters.setdefault(ends.get(question, question), set()).add(participant)
    return {question: len(people) for question, people in voters.items()}


def voted_by(votes: Iterable[tuple[int, int]], ends: dict[int, int],
             participant_id: int) -> set[int]:
    """The questions this participant's upvotes count for."""
    return {ends.get(q, q) for q, p in votes if p == participant_id}


def order(rows: list[dict], by: str = "votes") -> list[dict]:
    """Most upvoted first (the older first among equals: it waited longer), or newest first.

    rows carry "id" (ids grow with time) and "votes"."""
    if by == "newest":
        return sorted(rows, key=lambda r: -r["id"])
    return sorted(rows, key=lambda r: (-r.get("votes", 0), r["id"]))
