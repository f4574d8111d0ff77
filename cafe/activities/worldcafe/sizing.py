"""How many tables: the console proposes a number from the people present (four or five a
table), warns when tables would be too small, and changes the number between rounds."""

from flask_babel import lazy_gettext as _l
from pydantic import ValidationError
from sqlalchemy import delete, exists, select

from cafe.activities.worldcafe.models import CafeRound, CafeTable, HarvestItem, Seat
from cafe.activities.worldcafe.queries import current_round, seating, tables
from cafe.activities.worldcafe.services import changes
from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.core import Changes, Refusal
from cafe.domain.rotation import proposed_tables, smallest_table
from cafe.domain.rotation.sizing import TOO_FEW
from cafe.extensions import db
from cafe.sessions.models import Activity


def proposal(people: int, table_count: int) -> dict:
    """For the console: the people present, the tables proposed for them, and whether the
    current number of tables leaves a table with fewer than three people."""
    return {"people": people, "proposed": proposed_tables(people), "tables": table_count,
            "small": table_count > 1 and people > 0
            and smallest_table(people, table_count) < TOO_FEW}


def _has_history(table: CafeTable) -> bool:
    """Seats in a round that started, or a harvest: removing the table would lose them."""
    seated = select(Seat.id).join(CafeRound, CafeRound.id == Seat.round_id).where(
        Seat.table_id == table.id, CafeRound.status != "pending")
    written = select(HarvestItem.id).where(HarvestItem.table_id == table.id)
    return bool(db.session.scalar(select(exists(seated) | exists(written))))


def resize(activity: Activity, count: int) -> Changes:
    """The café has `count` tables from now on. Not during a round; a round that is set but
    not started is dropped, to be set again at the new tables."""
    conf = WorldCafeSettings.of(activity)
    current = current_round(activity)
    if current is not None and current.status in ("running", "paused"):
        raise Refusal("invalid", _l("End the current round first."))
    if conf.seating == "visit_every_table" and count != conf.table_rounds:
        raise Refusal("invalid", _l(
            "Everyone visits every table once: this café needs %(n)s tables, as many as its "
            "rounds at the tables.", n=conf.table_rounds), field="tables")
    rows = tables(activity)
    for table in rows:
        if table.number > count and _has_history(table):
            raise Refusal("invalid", _l(
                "Table %(n)s already has a history; it cannot be removed.", n=table.number),
                field="tables")
    names = conf.table_names()
    data = conf.model_dump(mode="json")
    data["tables"] = names[:count] if all(names) and count <= len(names) else count
    try:
        checked = WorldCafeSettings.model_validate(data)
    except ValidationError:  # e.g. fewer tables than the hosts agreed in the plan
        raise Refusal("invalid", _l("This value is not valid: %(field)s.", field="tables"),
                      field="tables") from None
    touched: set[int] = set()
    if current is not None and current.status == "pending":
        touched |= set(seating(current))
        db.session.execute(delete(Seat).where(Seat.round_id == current.id))
        db.session.delete(current)
    for table in rows:
        if table.number > count:
            db.session.execute(delete(Seat).where(Seat.table_id == table.id))
            db.session.delete(table)
    # A new dict: SQLAlchemy sees a JSON column change only when the value is replaced.
    activity.settings = checked.model_dump(mode="json")
    db.session.flush()
    if activity.is_open:
        existing = {t.number for t in tables(activity)}
        for number in range(1, count + 1):
            if number not in existing:
                db.session.add(CafeTable(activity_id=activity.id, number=number, name=None))
        db.session.flush()
    return changes(activity, *touched)
