"""The seating problem in small integers: who must sit together (units), who stays at which
table (hosts), who met whom and who visited which table before, and the table sizes to aim for."""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

from cafe.domain.rotation.measures import Seating, groups


class AllocationError(ValueError):
    """The constraints cannot all hold (e.g. two hosts asked to stay together)."""


def units_of(people: list[int], keep_together: Iterable[tuple[int, int]]) -> list[list[int]]:
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


class Problem:
    def __init__(self, people: Iterable[int], tables: list, *,
                 hosts: Mapping[Hashable, int] | None = None,
                 history: Iterable[Seating] = (),
                 roles: Mapping[int, str | None] | None = None,
                 keep_together: Iterable[tuple[int, int]] = (),
                 spread_roles: bool = False, visit_every_table: bool = False):
        if not tables:
            raise AllocationError("no tables")
        hosts = dict(hosts or {})
        host_table = {person: table for table, person in hosts.items()}
        if len(host_table) != len(hosts):
            raise AllocationError("one person hosts two tables")
        self.ids = sorted(set(people) | set(hosts.values()))
        self.tables = list(tables)
        self.n, self.T = len(self.ids), len(self.tables)
        index = {p: i for i, p in enumerate(self.ids)}
        table_index = {t: i for i, t in enumerate(self.tables)}

        self.units: list[list[int]] = []
        self.pinned: list[int | None] = []
        for unit in units_of(self.ids, keep_together):
            at = {host_table[p] for p in unit if p in host_table}
            if len(at) > 1:
                raise AllocationError("people who must stay together host different tables")
            self.units.append([index[p] for p in unit])
            self.pinned.append(table_index[at.pop()] if at else None)
        self.unit_of = [0] * self.n
        for u, people_of_unit in enumerate(self.units):
            for p in people_of_unit:
                self.unit_of[p] = u

        names = sorted({r for p, r in (roles or {}).items() if r and p in index}) \
            if spread_roles else []
        role_index = {r: i for i, r in enumerate(names)}
        self.role = [role_index.get((roles or {}).get(p), -1) if names else -1
                     for p in self.ids]
        per_role = Counter(r for r in self.role if r >= 0)
        self.fair = {r: -(-k // self.T) for r, k in per_role.items()}
        self.role_floor = sum(_pairs_if_even(k, self.T) for k in per_role.values())

        self.met: list[dict[int, int]] = [{} for _ in range(self.n)]
        self.visit_mode = visit_every_table
        self.visits: list[dict[int, int]] = [{} for _ in range(self.n)]
        for seating in history:
            for table, members in groups(seating).items():
                here = [index[p] for p in members if p in index]
                for i, a in enumerate(here):
                    for b in here[i + 1:]:
                        self.met[a][b] = self.met[a].get(b, 0) + 1
                        self.met[b][a] = self.met[b].get(a, 0) + 1
                    if table in table_index:
                        t = table_index[table]
                        self.visits[a][t] = self.visits[a].get(t, 0) + 1

    def pinned_units(self) -> list[tuple[int, int]]:
        return [(u, t) for u, t in enumerate(self.pinned) if t is not None]

    def free_units(self) -> list[int]:
        return [u for u, t in enumerate(self.pinned) if t is None]

    def targets(self) -> list[int]:
        """Balanced table sizes; the tables with more people pinned get the extra seats."""
        pinned = Counter()
        for u, t in self.pinned_units():
            pinned[t] += len(self.units[u])
        base, extra = divmod(self.n, self.T)
        order = sorted(range(self.T), key=lambda t: (-pinned[t], t))
        sizes = [base] * self.T
        for t in order[:extra]:
            sizes[t] += 1
        return sizes

    def seating(self, seats: list[int]) -> dict[int, Hashable]:
        return {self.ids[p]: self.tables[t] for p, t in enumerate(seats)}


def _pairs_if_even(people: int, groups_: int) -> int:
    base, extra = divmod(people, groups_)
    return extra * (base + 1) * base // 2 + (groups_ - extra) * base * (base - 1) // 2
