"""Planning a café's rounds together: fewer repeats than seating round by round, the classic
"everyone visits every table once", the plan kept from round to round, and table sizing."""

import random

from cafe.domain.rotation import (
    allocate,
    groups,
    next_round,
    pairs_meeting_again,
    place,
    plan,
    proposed_tables,
    repeat_lower_bound,
    repeated_encounters,
    smallest_table,
    spread,
)
from cafe.domain.rotation.problem import Problem
from cafe.domain.rotation.search import first_plan


def café(people, tables, rounds, hosts=None, **options):
    """Rounds allocated one after the other, as the console does (with a memo of plans)."""
    done, memo = [], {}
    for number in range(1, rounds + 1):
        done.append(next_round(people, tables, number, rounds, hosts=hosts, history=done,
                               memo=memo, **options))
    return done


def round_by_round(people, tables, rounds, hosts=None):
    done = []
    for number in range(rounds):
        done.append(allocate(people, tables, hosts=hosts, history=done, seed=number))
    return done


def test_twelve_people_at_three_tables_repeat_only_what_they_must():
    people, tables = list(range(1, 13)), ["a", "b", "c"]
    rounds = café(people, tables, 3, seed=4)
    assert repeat_lower_bound(12, 3, 3) == 6
    assert repeated_encounters(rounds) == 6
    assert pairs_meeting_again(rounds) <= 6
    assert all(sorted(map(len, groups(s).values())) == [4, 4, 4] for s in rounds)


def test_hosts_who_stay_and_24_people_over_four_rounds():
    people, tables = list(range(1, 25)), [1, 2, 3, 4]
    hosts = {t: t for t in tables}  # people 1-4 host
    rounds = café(people, tables, 4, hosts=hosts, seed=2)
    for seating in rounds:
        assert all(seating[h] == t for t, h in hosts.items())
        assert sorted(map(len, groups(seating).values())) == [6, 6, 6, 6]
    assert pairs_meeting_again(rounds) <= 26
    assert repeated_encounters(rounds) <= repeated_encounters(
        round_by_round(people, tables, 4, hosts))


def test_everyone_visits_every_table_once():
    people, tables = list(range(1, 25)), [11, 12, 13, 14]
    hosts = {11: 1, 12: 2, 13: 3, 14: 4}
    pairs = [(9, 14)]
    roles = {p: ("resident", "volunteer", None)[p % 3] for p in people}
    rounds = café(people, tables, 4, hosts=hosts, keep_together=pairs, roles=roles,
                  spread_roles=True, visit_every_table=True, seed=1)
    for person in people:
        visited = [s[person] for s in rounds]
        if person in hosts.values():
            assert len(set(visited)) == 1
        else:
            assert sorted(visited) == tables, person
    for seating in rounds:
        assert seating[9] == seating[14]
        assert max(map(len, groups(seating).values())) <= 7
    # Still far fewer repeats than drawing lots among the tables not yet visited.
    assert repeated_encounters(rounds) < 60


def test_the_plan_of_round_one_is_kept_until_someone_leaves():
    people, tables = list(range(1, 31)), list(range(5))
    whole = plan(people, tables, 5, seed=9)
    rounds = café(people, tables, 5, seed=9)
    assert rounds == whole
    # Person 7 leaves after round two: round three seats the others, avoiding repeats still.
    stayed = [p for p in people if p != 7]
    third = next_round(stayed, tables, 3, 5, history=rounds[:2], seed=9)
    assert set(third) == set(stayed)
    assert sorted(map(len, groups(third).values())) == [5, 6, 6, 6, 6]


def test_same_seed_same_plan_and_roles_spread_over_every_round():
    people = list(range(1, 49))
    roles = {p: ("resident", "volunteer", "professional", "local_government")[p % 4]
             for p in people}
    one = plan(people, list(range(6)), 4, roles=roles, spread_roles=True, seed=3)
    assert one == plan(people, list(range(6)), 4, roles=roles, spread_roles=True, seed=3)
    assert one != plan(people, list(range(6)), 4, roles=roles, spread_roles=True, seed=4)
    for seating in one:
        assert max(spread(seating, roles).values()) <= 1


def test_a_swap_is_priced_as_it_turns_out():
    """The search prices a swap without making it; the price must be what making it costs."""
    people = range(1, 31)
    roles = {p: ("a", "b", "c", None)[p % 4] for p in people}
    for visit in (False, True):
        problem = Problem(people, list(range(5)), hosts={0: 1, 1: 2}, roles=roles,
                          spread_roles=True, visit_every_table=visit)
        rng = random.Random(1)
        state = first_plan(problem, 5, rng)
        checked = 0
        while checked < 500:
            r, a, b = rng.randrange(5), rng.randrange(problem.n), rng.randrange(problem.n)
            ua, ub = problem.unit_of[a], problem.unit_of[b]
            x, y = state.seat[r][a], state.seat[r][b]
            if x == y or problem.pinned[ua] is not None or problem.pinned[ub] is not None:
                continue
            priced = state.swap_delta(r, a, b, x, y)
            assert state.swap(r, ua, ub) == priced
            checked += 1


def test_tables_proposed_for_the_people_present():
    assert [proposed_tables(n) for n in (1, 4, 9, 12, 24, 30, 100)] == [1, 1, 2, 3, 5, 6, 20]
    assert proposed_tables(5000) == 200
    assert smallest_table(4, 6) == 0  # four people at six tables: tables of one or none
    assert smallest_table(24, 5) == 4


def test_a_late_joiner_goes_to_a_table_they_have_not_visited():
    tables = [1, 2, 3]
    # Person 9 sat with 5 at tables 1 and 2; now 5 sits at table 3, strangers at 1 and 2.
    history = [{9: 1, 5: 1}, {9: 2, 5: 2}]
    now = {1: 1, 2: 2, 5: 3}
    assert place(9, now, tables, history=history) == 1  # new people first
    assert place(9, now, tables, history=history, visit_every_table=True) == 3
