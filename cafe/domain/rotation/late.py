"""Seating one person during a round: someone who arrives late, or comes back."""

from collections.abc import Hashable, Iterable, Mapping

from cafe.domain.rotation.measures import Seating, encounters
from cafe.domain.rotation.problem import AllocationError
from cafe.domain.rotation.search import REPEAT, SAME_ROLE, VISIT


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
    visit_every_table: bool = False,
) -> Hashable:
    """The table for someone who arrives during a round: beside their keep-together partner if
    one is seated; otherwise a table with room (below `capacity`) where they add the fewest
    repeated encounters (then the fewest shared roles, then the smallest table). In the "every
    table once" mode, a table they have not visited yet comes first."""
    if not tables:
        raise AllocationError("no tables")
    for a, b in keep_together:
        partner = b if a == person else a if b == person else None
        if partner is not None and partner in seating:
            return seating[partner]
    history = list(history)
    met = encounters(history)
    visited = {s[person] for s in history if person in s}
    role = (roles or {}).get(person) if spread_roles else None
    members: dict[Hashable, list[int]] = {t: [] for t in tables}
    for someone, table in seating.items():
        if table in members and someone != person:
            members[table].append(someone)

    def cost(t):
        here = members[t]
        total = REPEAT * sum(met.get((min(person, b), max(person, b)), 0) for b in here)
        if role:
            total += SAME_ROLE * sum(1 for b in here if roles.get(b) == role)
        if visit_every_table and t in visited:
            total += VISIT
        return total

    room = [t for t in tables if capacity is None or len(members[t]) < capacity] or tables
    return min(room, key=lambda t: (cost(t), len(members[t]), tables.index(t)))
