"""Planning several rounds at once: a greedy first plan, then simulated annealing over swaps.

The state is every planned round's tables, plus how often each pair has met (earlier rounds
and the planned ones together) and, for "visit every table once", how often each person sat
at each table. Placing or removing a unit updates those counts and returns the change in cost,
so a swap costs a few dictionary look-ups per tablemate, whatever the size of the café.

Cost: REPEAT for every meeting of a pair that met before, SAME_ROLE for every pair at a table
sharing a stakeholder role (when roles are spread), VISIT for every return to a table already
visited (in the "every table once" mode). Swaps keep table sizes as the first plan set them.

Deterministic for a given seed unless the deadline cuts the search short.
"""

import math
import random
import time

REPEAT = 10
SAME_ROLE = 25
VISIT = 200
# Moves tried: per movable unit and planned round, within [MIN_MOVES, MAX_MOVES].
MOVES_PER_UNIT = 300
MIN_MOVES = 3_000
MAX_MOVES = 40_000
VISIT_MOVES = 0.6
# Temperature of the annealing, in cost points: from "a repeat is often accepted" to "never".
HOT, COLD = 10.0, 1.0
REFRESH = 400  # moves between recomputing which units are in trouble
BREATHE = 63  # let other threads take the GIL every 64 moves (about half a millisecond)


class Plan:
    """Rounds being planned. Persons, tables and roles are small integers (see problem.py)."""

    def __init__(self, problem, rounds: int):
        self.pb = problem
        self.R = rounds
        n, T = problem.n, problem.T
        self.met = [dict(m) for m in problem.met]
        self.visits = [dict(v) for v in problem.visits] if problem.visit_mode else None
        self.seat = [[-1] * n for _ in range(rounds)]
        self.members = [[[] for _ in range(T)] for _ in range(rounds)]
        self.role_count = [[{} for _ in range(T)] for _ in range(rounds)]
        self.cost = 0

    def place(self, r: int, unit: int, t: int) -> int:
        pb, met, members = self.pb, self.met, self.members[r][t]
        delta = 0
        for p in pb.units[unit]:
            mine = met[p]
            for c in members:
                m = mine.get(c, 0)
                if m:
                    delta += REPEAT
                mine[c] = met[c][p] = m + 1
            role = pb.role[p]
            if role >= 0:
                counts = self.role_count[r][t]
                k = counts.get(role, 0)
                delta += SAME_ROLE * k
                counts[role] = k + 1
            if self.visits is not None and pb.pinned[unit] is None:
                v = self.visits[p].get(t, 0)
                if v:
                    delta += VISIT
                self.visits[p][t] = v + 1
            members.append(p)
            self.seat[r][p] = t
        self.cost += delta
        return delta

    def remove(self, r: int, unit: int) -> int:
        pb, met = self.pb, self.met
        people = pb.units[unit]
        t = self.seat[r][people[0]]
        members = self.members[r][t]
        delta = 0
        for p in reversed(people):
            members.remove(p)
            mine = met[p]
            for c in members:
                m = mine[c] - 1
                if m:
                    delta -= REPEAT
                    mine[c] = met[c][p] = m
                else:
                    del mine[c], met[c][p]
            role = pb.role[p]
            if role >= 0:
                counts = self.role_count[r][t]
                counts[role] -= 1
                delta -= SAME_ROLE * counts[role]
            if self.visits is not None and pb.pinned[unit] is None:
                v = self.visits[p][t] - 1
                self.visits[p][t] = v
                if v:
                    delta -= VISIT
            self.seat[r][p] = -1
        self.cost += delta
        return delta

    def table_of(self, r: int, unit: int) -> int:
        return self.seat[r][self.pb.units[unit][0]]

    def swap(self, r: int, u: int, w: int) -> int:
        x, y = self.table_of(r, u), self.table_of(r, w)
        delta = self.remove(r, u) + self.remove(r, w)
        return delta + self.place(r, u, y) + self.place(r, w, x)

    def swap_delta(self, r: int, a: int, b: int, x: int, y: int) -> int:
        """What swapping persons a (at x) and b (at y) in round r would change, without doing it.
        Only for units of one person: the common case, and the hot loop."""
        met, mx, my = self.met, self.members[r][x], self.members[r][y]
        ma, mb = met[a], met[b]
        d = 0
        for c in mx:
            if c != a:
                if ma.get(c, 0) > 1:
                    d -= REPEAT
                if c in mb:
                    d += REPEAT
        for c in my:
            if c != b:
                if mb.get(c, 0) > 1:
                    d -= REPEAT
                if c in ma:
                    d += REPEAT
        role = self.pb.role
        ra, rb = role[a], role[b]
        if ra != rb:
            cx, cy = self.role_count[r][x], self.role_count[r][y]
            if ra >= 0:
                d += SAME_ROLE * (cy.get(ra, 0) - cx[ra] + 1)
            if rb >= 0:
                d += SAME_ROLE * (cx.get(rb, 0) - cy[rb] + 1)
        if self.visits is not None:
            va, vb = self.visits[a], self.visits[b]
            d += VISIT * ((va.get(y, 0) > 0) - (va[x] > 1) + (vb.get(x, 0) > 0) - (vb[y] > 1))
        return d

    def insertion_cost(self, r: int, unit: int, t: int) -> int:
        """What place() would add, without placing."""
        pb, met, members = self.pb, self.met, self.members[r][t]
        cost = 0
        for p in pb.units[unit]:
            mine = met[p]
            cost += REPEAT * sum(1 for c in members if c in mine)
            role = pb.role[p]
            if role >= 0:
                cost += SAME_ROLE * self.role_count[r][t].get(role, 0)
            if self.visits is not None and pb.pinned[unit] is None and self.visits[p].get(t):
                cost += VISIT
        return cost

    def troubled(self, r: int, unit: int) -> bool:
        """Whether the unit meets someone again, crowds its role or revisits a table."""
        pb = self.pb
        t = self.table_of(r, unit)
        members = self.members[r][t]
        counts = self.role_count[r][t]
        for p in pb.units[unit]:
            mine = self.met[p]
            if any(mine.get(c, 0) > 1 for c in members):
                return True
            role = pb.role[p]
            if role >= 0 and counts[role] > pb.fair[role]:
                return True
            if self.visits is not None and self.visits[p][t] > 1:
                return True
        return False


def first_plan(problem, rounds: int, rng: random.Random) -> Plan:
    """Round after round, each unit (biggest first, otherwise in a seeded order) goes to the
    table with room where it adds the least cost."""
    plan = Plan(problem, rounds)
    T = problem.T
    for r in range(rounds):
        for unit, table in problem.pinned_units():
            plan.place(r, unit, table)
        target = problem.targets()
        free = problem.free_units()
        rng.shuffle(free)
        free.sort(key=lambda u: -len(problem.units[u]))
        for unit in free:
            size = len(problem.units[unit])
            room = [t for t in range(T) if target[t] - len(plan.members[r][t]) >= size]
            if not room:  # too big for the balanced sizes: the emptiest table takes it
                room = [max(range(T), key=lambda t: (target[t] - len(plan.members[r][t]), -t))]
            best = min(room, key=lambda t: (plan.insertion_cost(r, unit, t),
                                            len(plan.members[r][t]), rng.random()))
            plan.place(r, unit, best)
    return plan


def anneal(plan: Plan, rng: random.Random, floor: int = 0, deadline: float | None = None,
           effort: float = 1.0, pause=None) -> tuple[list[list[int]], int]:
    """Simulated annealing over swaps of equal-sized units within a round (and, when every
    table is to be visited once, over the same two units trading tables in two rounds, which
    keeps both their tours). Returns the best seats found (round -> person -> table) and
    their cost. `pause()`, if given, is called every few moves to let other threads run."""
    pb, R, T = plan.pb, plan.R, plan.pb.T
    movable = pb.free_units()
    best = [list(s) for s in plan.seat]
    best_cost = plan.cost
    if T < 2 or len(movable) < 2 or plan.cost <= floor:
        return best, best_cost
    moves = effort * min(MAX_MOVES, max(MIN_MOVES, MOVES_PER_UNIT * len(movable) * R))
    if plan.visits is not None:
        moves *= VISIT_MOVES  # half of them trade two tours: four swaps made, not priced
    moves = int(moves)
    cooling = (COLD / HOT) ** (1 / moves)
    heat = HOT
    trouble: list[tuple[int, int]] = []
    for i in range(moves):
        if pause is not None and not i & BREATHE:
            # Run in a thread beside a server's event loop, the search would hold the GIL for
            # 5 ms at a time, and every database answer the loop waits for costs it that wait.
            pause()
        if i % REFRESH == 0:
            if deadline is not None and time.monotonic() > deadline:
                break
            trouble = [(r, u) for r in range(R) for u in movable if plan.troubled(r, u)]
            if not trouble and plan.cost <= best_cost and plan.cost <= floor:
                break
        heat *= cooling
        if trouble and rng.random() < 0.8:
            r, u = trouble[rng.randrange(len(trouble))]
        else:
            r, u = rng.randrange(R), movable[rng.randrange(len(movable))]
        if plan.visits is not None and R > 1 and rng.random() < 0.5:
            delta, commit, undo = _trade_tours(plan, r, u, rng)
        else:
            delta, commit, undo = _swap(plan, r, u, rng)
        if undo is None:
            continue
        if delta > 0 and rng.random() >= math.exp(-delta / heat):
            undo()
            continue
        commit()
        if plan.cost < best_cost:
            best_cost = plan.cost
            best = [list(s) for s in plan.seat]
            if best_cost <= floor:
                break
    return best, best_cost


def _partner(plan: Plan, r: int, u: int, t: int, rng: random.Random, accept=None):
    """A movable unit of u's size at table t in round r, or None."""
    pb = plan.pb
    members = plan.members[r][t]
    size = len(pb.units[u])
    for _ in range(4):
        if not members:
            return None
        w = pb.unit_of[members[rng.randrange(len(members))]]
        if w != u and pb.pinned[w] is None and len(pb.units[w]) == size \
                and (accept is None or accept(w)):
            return w
    return None


def _swap(plan: Plan, r: int, u: int, rng: random.Random):
    T = plan.pb.T
    x = plan.table_of(r, u)
    y = rng.randrange(T - 1)
    y += y >= x
    w = _partner(plan, r, u, y, rng)
    if w is None:
        return 0, None, None
    units = plan.pb.units
    if len(units[u]) == 1:
        delta = plan.swap_delta(r, units[u][0], units[w][0], x, y)
        return delta, lambda: plan.swap(r, u, w), _nothing
    delta = plan.swap(r, u, w)
    return delta, _nothing, lambda: plan.swap(r, u, w)


def _nothing():
    return 0


def _trade_tours(plan: Plan, r: int, u: int, rng: random.Random):
    """u sits at x in round r and at y in round s; a unit w at y in r and at x in s trades
    both seats with u, so neither visits a table twice."""
    s = rng.randrange(plan.R - 1)
    s += s >= r
    x, y = plan.table_of(r, u), plan.table_of(s, u)
    if x == y:
        return _swap(plan, r, u, rng)
    w = _partner(plan, r, u, y, rng, accept=lambda w: plan.table_of(s, w) == x)
    if w is None:
        return 0, None, None
    delta = plan.swap(r, u, w) + plan.swap(s, u, w)

    def undo():
        plan.swap(s, u, w)
        plan.swap(r, u, w)

    return delta, _nothing, undo
