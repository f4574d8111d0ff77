"""What a seating plan is worth: who met whom, how often pairs meet again, how evenly roles are
spread, and how few repeats any plan could have."""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

Seating = Mapping[int, Hashable]  # person -> table


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def groups(seating: Seating) -> dict[Hashable, list[int]]:
    """table -> its people, each list sorted."""
    out: dict[Hashable, list[int]] = {}
    for person, table in seating.items():
        out.setdefault(table, []).append(person)
    for members in out.values():
        members.sort()
    return out


def encounters(history: Iterable[Seating]) -> Counter:
    """How often each pair of people sat at one table in the given rounds."""
    met: Counter = Counter()
    for seating in history:
        for members in groups(seating).values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    met[(a, b)] += 1
    return met


def repeats(seating: Seating, met: Mapping[tuple[int, int], int]) -> int:
    """Pairs at one table in this seating who met before (counted as often as they did)."""
    total = 0
    for members in groups(seating).values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                total += met.get((a, b), 0)
    return total


def repeated_encounters(rounds: Iterable[Seating]) -> int:
    """Over a whole café: every time two people share a table again after the first time."""
    return sum(n - 1 for n in encounters(rounds).values() if n > 1)


def pairs_meeting_again(rounds: Iterable[Seating]) -> int:
    """Over a whole café: the pairs who share a table more than once."""
    return sum(1 for n in encounters(rounds).values() if n > 1)


def distinct_met(rounds: Iterable[Seating]) -> float:
    """The mean number of different people each person sat with."""
    rounds = list(rounds)
    people = {p for seating in rounds for p in seating}
    if not people:
        return 0.0
    known: Counter = Counter()
    for a, b in encounters(rounds):
        known[a] += 1
        known[b] += 1
    return sum(known[p] for p in people) / len(people)


def spread(seating: Seating, roles: Mapping[int, str | None]) -> dict[str, int]:
    """Per role, how unevenly it is spread: most minus fewest at any table (0 or 1 is even)."""
    tables = groups(seating)
    out = {}
    for role in sorted({r for r in roles.values() if r}):
        counts = [sum(1 for p in members if roles.get(p) == role) for members in tables.values()]
        out[role] = max(counts) - min(counts)
    return out


def _pairs_if_even(people: int, origins: int) -> int:
    """The fewest pairs sharing an origin when `people` come from `origins` groups."""
    if origins <= 0:
        return people * (people - 1) // 2
    base, extra = divmod(people, origins)
    return extra * (base + 1) * base // 2 + (origins - extra) * base * (base - 1) // 2


def repeat_lower_bound(people: int, tables: int, rounds: int, hosts: bool = False) -> int:
    """A lower bound on `repeated_encounters` for a café of balanced tables: at every round
    after the first, each table gathers people from the first round's tables, and people who
    came from the same table meet again (pigeonhole). With a host staying at every table,
    a newcomer from the host's own first-round table meets the host again as well."""
    if tables < 1 or rounds < 2:
        return 0
    base, extra = divmod(people, tables)
    sizes = [base + 1] * extra + [base] * (tables - extra)
    per_round = 0
    for size in sizes:
        if not hosts:
            per_round += _pairs_if_even(size, tables)
            continue
        movers = size - 1
        per_round += min(x + x * (x - 1) // 2 + _pairs_if_even(movers - x, tables - 1)
                         for x in range(movers + 1))
    return per_round * (rounds - 1)
