"""Who sits at which World Café table in a round: hosts stay, the others move so that people
meet as many new faces as they can.

The allocation is a weighted grouping problem (close to the "social golfer" problem), solved
with the usual heuristic: a greedy placement, then local search that swaps people between
tables while that lowers the cost. The cost of a table is, over every pair sitting at it, how
often the two met before (weight REPEAT), plus, when roles are to be spread, one point per pair
sharing a stakeholder role (weight SAME_ROLE). People who must stay together (an interpreter and
the person they help) move as one unit; a unit holding a host stays at the host's table.

Everything is deterministic given the inputs and the seed. No Flask, no database.
"""

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

Seating = Mapping[int, Hashable]  # person -> table

REPEAT = 10
SAME_ROLE = 25
# Local search: candidate partners tried per conflicted unit and pass, and the passes at most.
CANDIDATES = 40
PASSES = 20
CYCLE = 12
# Independent tries for small cafés: at most RESTARTS, and RESTART_BUDGET people seated in all.
RESTARTS = 12
RESTART_BUDGET = 600


class AllocationError(ValueError):
    """The constraints cannot all hold (e.g. two hosts asked to stay together)."""


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


def _units(people: list[int], keep_together: Iterable[tuple[int, int]]) -> list[list[int]]:
    """People joined by keep-together pairs (transitively) form one unit."""
    parent = {p: p for p in people}

    def find(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for a, b in keep_together:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    units: dict[int, list[int]] = {}
    for p in people:
        units.setdefault(find(p), []).append(p)
    return [sorted(u) for _root, u in sorted(units.items())]


class _Plan:
    """Tables being filled, with the cost of a unit at a table kept cheap to compute: whom each
    person met before, and how many of each role sit at each table."""

    def __init__(self, tables, met, roles, spread_roles):
        self.tables = list(tables)
        self.members = {t: set() for t in self.tables}
        self.where: dict[int, Hashable] = {}
        self.roles = roles if spread_roles else {}
        self.role_count = {t: Counter() for t in self.tables}
        self.met: dict[int, dict[int, int]] = {}
        for (a, b), n in met.items():
            self.met.setdefault(a, {})[b] = n
            self.met.setdefault(b, {})[a] = n

    def weight(self, a: int, b: int) -> int:
        w = REPEAT * self.met.get(a, {}).get(b, 0)
        role = self.roles.get(a)
        if role is not None and role == self.roles.get(b):
            w += SAME_ROLE
        return w

    def cost(self, unit, table, leaving=()) -> int:
        """What the unit adds at the table, as if `leaving` were not there."""
        total = 0
        for a in unit:
            for b, n in self.met.get(a, {}).items():
                if self.where.get(b) == table and b not in unit:
                    total += REPEAT * n
            role = self.roles.get(a)
            if role is not None:
                total += SAME_ROLE * (self.role_count[table][role] - (a in self.members[table]))
        for a in unit:  # the members of `unit` counted each other above; leaving ones go too
            for b in leaving:
                if self.where.get(b) == table:
                    total -= self.weight(a, b)
            role = self.roles.get(a)
            if role is not None:
                total -= SAME_ROLE * sum(
                    1 for b in unit if b != a and self.roles.get(b) == role
                    and self.where.get(b) == table)
        return total

    def total(self) -> int:
        """The cost of the whole seating: every pair at a table, counted once."""
        return sum(self.weight(a, b) for members in self.members.values()
                   for a in members for b in members if a < b)

    def put(self, unit, table):
        for p in unit:
            self.members[table].add(p)
            self.where[p] = table
            if p in self.roles:
                self.role_count[table][self.roles[p]] += 1

    def take(self, unit):
        for p in unit:
            table = self.where.pop(p)
            self.members[table].discard(p)
            if p in self.roles:
                self.role_count[table][self.roles[p]] -= 1


def _targets(tables, n: int, pinned: Counter) -> dict:
    """Balanced table sizes; the tables with more people pinned get the extra seats."""
    base, extra = divmod(n, len(tables))
    order = sorted(tables, key=lambda t: (-pinned[t], tables.index(t)))
    return {t: base + (1 if i < extra else 0) for i, t in enumerate(order)}


def allocate(
    people: Iterable[int],
    tables: list,
    *,
    hosts: Mapping[Hashable, int] | None = None,
    history: Iterable[Seating] = (),
    roles: Mapping[int, str | None] | None = None,
    keep_together: Iterable[tuple[int, int]] = (),
    spread_roles: bool = False,
    seed: int = 0,
) -> dict[int, Hashable]:
    """A seating (person -> table) for the next round. Hosts (table -> person) stay at their
    table; people in `keep_together` pairs share a table; tables are as even as the units
    allow; repeated encounters with `history` (earlier seatings) are kept low."""
    if not tables:
        raise AllocationError("no tables")
    hosts = dict(hosts or {})
    everyone = sorted(set(people) | set(hosts.values()))
    host_table = {person: table for table, person in hosts.items()}
    if len(host_table) != len(hosts):
        raise AllocationError("one person hosts two tables")
    roles = {p: r for p, r in (roles or {}).items() if r}
    met = encounters(history)
    units = _units(everyone, keep_together)
    pinned_units, free_units = [], []
    for unit in units:
        at = {host_table[p] for p in unit if p in host_table}
        if len(at) > 1:
            raise AllocationError("people who must stay together host different tables")
        (pinned_units if at else free_units).append((unit, at.pop() if at else None))
    # Small cafés are cheap to seat: a few independent tries, the best one kept.
    tries = max(1, min(RESTARTS, RESTART_BUDGET // max(len(everyone), 1)))
    best, best_cost = None, None
    for attempt in range(tries):
        plan = _Plan(tables, met, roles, spread_roles)
        _seat(plan, pinned_units, list(free_units), random.Random(seed * 7919 + attempt),
              len(everyone))
        cost = plan.total()
        if best_cost is None or cost < best_cost:
            best, best_cost = plan, cost
        if cost == 0:
            break
    return dict(sorted(best.where.items()))


def _seat(plan: _Plan, pinned_units, free_units, rng: random.Random, n: int) -> None:
    pinned = Counter()
    for unit, table in pinned_units:
        plan.put(unit, table)
        pinned[table] += len(unit)
    target = _targets(plan.tables, n, pinned)

    # Greedy: big units first (they are the hardest to fit), otherwise in a seeded order.
    rng.shuffle(free_units)
    free_units.sort(key=lambda item: -len(item[0]))
    order = {t: i for i, t in enumerate(plan.tables)}
    for unit, _none in free_units:
        room = [t for t in plan.tables if target[t] - len(plan.members[t]) >= len(unit)]
        if not room:  # units too big for the balanced sizes: the emptiest table takes it
            room = [max(plan.tables, key=lambda t: (target[t] - len(plan.members[t]), -order[t]))]
        ties = rng.random
        best = min(room, key=lambda t: (plan.cost(unit, t), len(plan.members[t]), ties()))
        plan.put(unit, best)

    _improve(plan, [u for u, _none in free_units], rng)


def _improve(plan: _Plan, movable: list[list[int]], rng: random.Random) -> None:
    """Swap equal-sized units between tables while that lowers the total cost. A unit that
    still repeats an encounter or crowds its role may also make a swap that costs nothing
    (a sideways step), which gets the search out of spots no single swap improves."""
    if len(plan.tables) < 2 or len(movable) < 2:
        return
    by_size: dict[int, list[list[int]]] = {}
    for unit in movable:
        by_size.setdefault(len(unit), []).append(unit)
    fair = {role: -(-n // len(plan.tables)) for role, n in Counter(plan.roles.values()).items()}
    for _ in range(PASSES):
        improved = False
        for unit in movable:
            here = plan.where[unit[0]]
            if not _troubled(plan, unit, here, fair):
                continue
            current = plan.cost(unit, here)
            pool = by_size[len(unit)]
            candidates = pool if len(pool) <= CANDIDATES else rng.sample(pool, CANDIDATES)
            best, best_delta, sideways = None, 0, []
            for other in candidates:
                there = plan.where[other[0]]
                if there == here:
                    continue
                delta = (plan.cost(unit, there, leaving=other) + plan.cost(other, here, unit)
                         - current - plan.cost(other, there))
                if delta < best_delta:
                    best, best_delta = other, delta
                elif delta == 0:
                    sideways.append(other)
            if best is None and _rotate(plan, unit, pool, rng):
                improved = True
                continue
            if best is None and sideways and rng.random() < 0.3:
                best = rng.choice(sideways)
            if best is not None:
                there = plan.where[best[0]]
                plan.take(unit)
                plan.take(best)
                plan.put(unit, there)
                plan.put(best, here)
                improved = True
        if not improved:
            return


def _rotate(plan: _Plan, unit, pool, rng: random.Random) -> bool:
    """Three units at three tables move round (u to v's table, v to w's, w to u's) when that
    lowers the cost: fixes a crowded role that no swap of two can fix."""
    here = plan.where[unit[0]]
    others = [u for u in rng.sample(pool, min(len(pool), CYCLE)) if plan.where[u[0]] != here]
    for v in others:
        for w in others:
            a, b = plan.where[v[0]], plan.where[w[0]]
            if b in (a, here):
                continue
            before = plan.cost(unit, here) + plan.cost(v, a) + plan.cost(w, b)
            for u in (unit, v, w):
                plan.take(u)
            after = plan.cost(unit, a) + plan.cost(v, b) + plan.cost(w, here)
            if after < before:
                plan.put(unit, a)
                plan.put(v, b)
                plan.put(w, here)
                return True
            plan.put(unit, here)
            plan.put(v, a)
            plan.put(w, b)
    return False


def _troubled(plan: _Plan, unit, table, fair) -> bool:
    """Whether the unit meets someone again here, or its role is above its fair share here."""
    for a in unit:
        if any(plan.where.get(b) == table for b in plan.met.get(a, ())):
            return True
        role = plan.roles.get(a)
        if role is not None and plan.role_count[table][role] > fair[role]:
            return True
    return False


def place(
    person: int,
    seating: Seating,
    tables: list,
    *,
    history: Iterable[Seating] = (),
    capacity: int | None = None,
    roles: Mapping[int, str | None] | None = None,
    keep_together: Iterable[tuple[int, int]] = (),
    spread_roles: bool = False,
) -> Hashable:
    """The table for someone who arrives during a round: beside their keep-together partner if
    one is seated; otherwise a table with room (below `capacity`) where they add the fewest
    repeated encounters (then the fewest shared roles, then the smallest table)."""
    if not tables:
        raise AllocationError("no tables")
    for a, b in keep_together:
        partner = b if a == person else a if b == person else None
        if partner is not None and partner in seating:
            return seating[partner]
    roles = {p: r for p, r in (roles or {}).items() if r}
    plan = _Plan(tables, encounters(history), roles, spread_roles)
    for someone, table in seating.items():
        if table in plan.members and someone != person:
            plan.put([someone], table)
    room = [t for t in tables if capacity is None or len(plan.members[t]) < capacity] or tables
    return min(room, key=lambda t: (plan.cost([person], t), len(plan.members[t]),
                                    tables.index(t)))


def spread(seating: Seating, roles: Mapping[int, str | None]) -> dict[str, int]:
    """Per role, how unevenly it is spread: most minus fewest at any table (0 or 1 is even)."""
    tables = groups(seating)
    out = {}
    for role in sorted({r for r in roles.values() if r}):
        counts = [sum(1 for p in members if roles.get(p) == role) for members in tables.values()]
        out[role] = max(counts) - min(counts)
    return out
