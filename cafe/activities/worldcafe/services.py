"""Tables, hosts, constraints and who sits where. Never emits: returns Changes."""

import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from cafe.activities.worldcafe import queries
from cafe.activities.worldcafe.models import CafeRound, CafeTable, Departure, Seat
from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.caches import caches
from cafe.core import Changes, Refusal, closed
from cafe.domain import rotation
from cafe.extensions import db
from cafe.live.offload import gil_pause, offload
from cafe.sessions.models import Activity


def require_open(activity: Activity) -> None:
    if not activity.is_open:
        raise closed()


def changes(activity: Activity, *participants: int) -> Changes:
    out = Changes(activity.session_id, activities={activity.id})
    out.private |= {(p, activity.id) for p in participants if p is not None}
    return out


# ---------- tables ----------

def ensure_tables(activity: Activity) -> list[CafeTable]:
    """The tables the settings name, created the first time the café needs them."""
    existing = {t.number: t for t in queries.tables(activity)}
    for number, name in enumerate(WorldCafeSettings.of(activity).table_names(), start=1):
        if number not in existing:
            existing[number] = CafeTable(activity_id=activity.id, number=number, name=name)
            db.session.add(existing[number])
    db.session.flush()
    return [existing[n] for n in sorted(existing)]


# ---------- rounds and seats ----------

def _constraints(activity: Activity, people_ids: set[int]):
    conf = WorldCafeSettings.of(activity).constraints
    pairs = [(a, b) for a, b in conf.keep_together if a in people_ids and b in people_ids]
    return pairs, conf.spread_roles


def allocate(activity: Activity) -> tuple[CafeRound, Changes]:
    """Seat everyone for the next round at the tables (or seat the current round again while it
    has not started): hosts stay, the others move to meet new people, or to a table they have
    not visited yet. The plan is computed in a real OS thread, with nothing written yet (no
    lock is held meanwhile), and stops at the configured time budget."""
    require_open(activity)
    conf = WorldCafeSettings.of(activity)
    current = queries.current_round(activity)
    if current is not None and current.status in ("running", "paused"):
        raise Refusal("invalid", _l("End the current round first."))
    if current is not None and current.status == "pending":
        round_, number = current, current.number
    else:
        round_, number = None, current.number + 1 if current is not None else 1
        if number > len(conf.rounds) or conf.is_plenary(number):
            raise Refusal("invalid", _l("There is no further round at the tables."))
    table_rows = ensure_tables(activity)
    people = queries.present(activity)
    ids = {p.id for p in people}
    hosts = {t.id: t.host_id for t in table_rows if t.host_id in ids}
    pairs, spread_roles = _constraints(activity, ids)
    budget = float(current_app.config["SEATING_SECONDS"])
    try:
        plan = offload(
            rotation.next_round, ids, [t.id for t in table_rows], number, conf.table_rounds,
            hosts=hosts, history=queries.history(activity, number),
            roles={p.id: p.role for p in people}, keep_together=pairs,
            spread_roles=spread_roles, visit_every_table=conf.seating == "visit_every_table",
            seed=activity.id, deadline=time.monotonic() + budget, pause=gil_pause(),
            memo=caches().get("worldcafe.plans", 16),
        )
    except rotation.AllocationError:
        raise Refusal("invalid", _l(
            "Two hosts of different tables are asked to stay together; change the pairs."
        )) from None
    if round_ is None:
        round_ = CafeRound(activity_id=activity.id, number=number, status="pending",
                           minutes=conf.rounds[number - 1].minutes, seed=activity.id)
        db.session.add(round_)
        db.session.flush()
    before = set(queries.seating(round_))
    db.session.execute(delete(Seat).where(Seat.round_id == round_.id))
    db.session.add_all(
        Seat(round_id=round_.id, table_id=table, participant_id=person)
        for person, table in plan.items()
    )
    db.session.flush()
    return round_, changes(activity, *(before | set(plan)))


def seat_late(activity: Activity, participant_id: int) -> tuple[Seat, Changes]:
    """Someone who arrives (or comes back) during a round gets the table with room where they
    meet the fewest people again."""
    require_open(activity)
    conf = WorldCafeSettings.of(activity)
    current = queries.current_round(activity)
    if current is None or conf.is_plenary(current.number) or current.status == "ended":
        raise Refusal("invalid", _l("Please wait: the tables are set for the next round."))
    db.session.execute(delete(Departure).where(
        Departure.activity_id == activity.id, Departure.participant_id == participant_id))
    seat = queries.seat_of(current, participant_id)
    if seat is not None:
        db.session.flush()
        return seat, changes(activity, participant_id)
    people = queries.present(activity)
    pairs, spread_roles = _constraints(activity, {p.id for p in people})
    table = rotation.place(
        participant_id, queries.seating(current), [t.id for t in ensure_tables(activity)],
        history=queries.history(activity, current.number), capacity=conf.capacity,
        roles={p.id: p.role for p in people}, keep_together=pairs, spread_roles=spread_roles,
        visit_every_table=conf.seating == "visit_every_table",
    )
    seat = Seat(round_id=current.id, table_id=table, participant_id=participant_id, late=True)
    db.session.add(seat)
    db.session.flush()
    return seat, changes(activity, participant_id)


def leave(activity: Activity, participant_id: int) -> Changes:
    """Someone leaves: their seat in the current round is freed, the rest of the plan stays,
    and later rounds no longer count on them. A host who leaves leaves the table without one."""
    if db.session.scalar(select(Departure.id).where(
            Departure.activity_id == activity.id,
            Departure.participant_id == participant_id)) is None:
        db.session.add(Departure(activity_id=activity.id, participant_id=participant_id))
    current = queries.current_round(activity)
    seat = queries.seat_of(current, participant_id)
    if seat is not None and current.status != "ended":
        db.session.delete(seat)
    for table in queries.tables(activity):
        if table.host_id == participant_id:
            table.host_id = None
    db.session.flush()
    return changes(activity, participant_id)


# ---------- hosts and constraints ----------

def set_host(activity: Activity, table: CafeTable, participant_id: int | None) -> Changes:
    """The host stays at this table every round. In a round that is not over, the new host
    moves to this table at once."""
    touched = {table.host_id}
    if participant_id is not None:
        queries.participant_of(activity, participant_id)
        partners = {b if a == participant_id else a
                    for a, b in WorldCafeSettings.of(activity).constraints.keep_together
                    if participant_id in (a, b)}
        for other in queries.tables(activity):
            if other.id != table.id and other.host_id in partners:
                raise Refusal("invalid", _l(
                    "This person must stay with the host of another table; change the pairs."))
            if other.host_id == participant_id:
                other.host_id = None
        db.session.execute(delete(Departure).where(
            Departure.activity_id == activity.id, Departure.participant_id == participant_id))
    table.host_id = participant_id
    current = queries.current_round(activity)
    seat = queries.seat_of(current, participant_id) if participant_id else None
    if current is not None and current.status != "ended" and participant_id is not None:
        if seat is None and not WorldCafeSettings.of(activity).is_plenary(current.number):
            db.session.add(Seat(round_id=current.id, table_id=table.id,
                                participant_id=participant_id))
        elif seat is not None and seat.table_id != table.id:
            seat.table_id = table.id
    touched.add(participant_id)
    db.session.flush()
    return changes(activity, *touched)


def set_constraints(activity: Activity, keep_together: list[tuple[int, int]],
                    spread_roles: bool) -> Changes:
    """Pairs who always share a table, and whether to mix stakeholder roles. Used from the next
    allocation on."""
    for a, b in keep_together:
        if a == b:
            raise Refusal("invalid", _l("A pair needs two different people."))
        queries.participant_of(activity, a)
        queries.participant_of(activity, b)
    hosts = {t.host_id: t.id for t in queries.tables(activity) if t.host_id is not None}
    for a, b in keep_together:
        if a in hosts and b in hosts:
            raise Refusal("invalid", _l(
                "Two hosts of different tables are asked to stay together; change the pairs."))
    pairs = sorted({tuple(sorted(pair)) for pair in keep_together})
    conf = WorldCafeSettings.of(activity).model_copy(deep=True)
    conf.constraints.keep_together = pairs
    conf.constraints.spread_roles = spread_roles
    # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
    activity.settings = WorldCafeSettings.model_validate(
        conf.model_dump(mode="json")).model_dump(mode="json")
    db.session.flush()
    return changes(activity)
