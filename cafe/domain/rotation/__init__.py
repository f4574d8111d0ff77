"""Who sits at which World Café table, round after round: hosts stay, the others move so that
people meet as many new faces as they can (or, in the classic form, everyone visits every table
once).

The rounds still to come are planned together, so that early rounds do not box in later ones:
a greedy first plan, then simulated annealing over swaps (search.py). The console re-plans at
every round from what really happened, so late joiners and leavers are taken into account; a
person arriving during a round is seated on their own (late.py). People who must stay
together (an interpreter and the person they help) move as one unit; a unit holding a host
stays at the host's table.

Everything is deterministic given the inputs and the seed, unless a deadline cuts the search
short. No Flask, no database.
"""

import random
from collections.abc import Hashable, Iterable, Mapping, MutableMapping

from cafe.domain.rotation.late import place
from cafe.domain.rotation.measures import (
    Seating,
    distinct_met,
    encounters,
    groups,
    pair,
    pairs_meeting_again,
    repeat_lower_bound,
    repeated_encounters,
    repeats,
    spread,
)
from cafe.domain.rotation.problem import AllocationError, Problem
from cafe.domain.rotation.search import REPEAT, SAME_ROLE, anneal, first_plan
from cafe.domain.rotation.sizing import proposed_tables, smallest_table

__all__ = [
    "REPEAT", "SAME_ROLE", "AllocationError", "Seating", "allocate", "distinct_met",
    "encounters", "groups", "next_round", "pair", "pairs_meeting_again", "place", "plan",
    "proposed_tables",
    "repeat_lower_bound", "repeated_encounters", "repeats", "smallest_table", "spread",
]


def plan(
    people: Iterable[int],
    tables: list,
    rounds: int = 1,
    *,
    hosts: Mapping[Hashable, int] | None = None,
    history: Iterable[Seating] = (),
    roles: Mapping[int, str | None] | None = None,
    keep_together: Iterable[tuple[int, int]] = (),
    spread_roles: bool = False,
    visit_every_table: bool = False,
    seed: int = 0,
    deadline: float | None = None,
    effort: float = 1.0,
    pause=None,
) -> list[dict[int, Hashable]]:
    """Seatings (person -> table) for the next `rounds` rounds, planned together. Hosts
    (table -> person) stay at their table; people in `keep_together` pairs share a table;
    tables are as even as the units allow; encounters repeating `history` (earlier seatings)
    or each other are kept low. `deadline` (time.monotonic()) stops the search early with the
    best plan found so far; `effort` scales how long it searches; `pause()` is called every
    few moves (a server passes a real sleep(0), letting its event loop's thread in)."""
    problem = Problem(people, tables, hosts=hosts, history=history, roles=roles,
                      keep_together=keep_together, spread_roles=spread_roles,
                      visit_every_table=visit_every_table)
    rounds = max(1, rounds)
    rng = random.Random(seed)
    floor = SAME_ROLE * problem.role_floor * rounds
    best, _cost = anneal(first_plan(problem, rounds, rng), rng, floor=floor,
                         deadline=deadline, effort=effort, pause=pause)
    return [dict(sorted(problem.seating(seats).items())) for seats in best]


def next_round(
    people: Iterable[int],
    tables: list,
    number: int,
    total: int,
    *,
    history: Iterable[Seating] = (),
    hosts: Mapping[Hashable, int] | None = None,
    seed: int = 0,
    memo: MutableMapping | None = None,
    **options,
) -> dict[int, Hashable]:
    """The seating of round `number` (1-based) of a café of `total` rounds at the tables,
    after the `history` of rounds 1 to number - 1.

    `memo`: where whole plans found lately are kept by their inputs (the caller's, e.g. the
    app's bounded cache); the next rounds of a café are then read from the plan found at its
    first round instead of searched again. Another process, or a restart, finds the same plan
    again (same inputs, same seed) unless the time budget cut its search short.

    While the same people have sat every round, the whole café is planned from the start with
    the café's seed, and when the rounds so far are the plan's, its next round is used: the
    plan stays the one found at round one, rather than a fresh search boxed in by it. Once
    someone joined, left or moved, the rounds still to come are planned from what happened."""
    history = [dict(s) for s in history]
    everyone = set(people) | set((hosts or {}).values())
    total = max(total, number)
    if all(set(s) == everyone for s in history):
        key = _key(everyone, tables, total, hosts, seed, options)
        whole = memo.get(key) if memo is not None else None
        if whole is None:
            whole = plan(everyone, tables, total, hosts=hosts, seed=seed, **options)
            if memo is not None:
                memo[key] = whole
        if whole[:len(history)] == history:
            return whole[len(history)]
    return plan(everyone, tables, total - len(history), history=history, hosts=hosts,
                seed=seed if not history else seed * 31 + len(history), **options)[0]


def _key(everyone, tables, total, hosts, seed, options) -> tuple:
    roles = options.get("roles") or {}
    return (tuple(sorted(everyone)), tuple(tables), total, tuple(sorted((hosts or {}).items())),
            seed, tuple(sorted((p, r) for p, r in roles.items() if r and p in everyone)),
            tuple(sorted(tuple(sorted(pair)) for pair in options.get("keep_together", ()))),
            bool(options.get("spread_roles")), bool(options.get("visit_every_table")),
            options.get("effort", 1.0))


def allocate(people: Iterable[int], tables: list, **options) -> dict[int, Hashable]:
    """A seating for the next round alone (later rounds not considered)."""
    return plan(people, tables, 1, **options)[0]
