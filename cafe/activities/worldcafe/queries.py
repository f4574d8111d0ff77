"""Reading a World Café: its tables, rounds, who sits where and who has left."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.activities.worldcafe.models import CafeRound, CafeTable, Departure, Seat
from cafe.core import Refusal
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity


def tables(activity: Activity) -> list[CafeTable]:
    return list(db.session.scalars(
        select(CafeTable).where(CafeTable.activity_id == activity.id).order_by(CafeTable.number)
    ))


def get_table(activity: Activity, table_id: int) -> CafeTable:
    table = db.session.get(CafeTable, table_id)
    if table is None or table.activity_id != activity.id:
        raise Refusal("not_found", _l("This table does not exist."))
    return table


def participant_of(activity: Activity, participant_id: int) -> Participant:
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.session_id != activity.session_id:
        raise Refusal("not_found", _l("This participant is not in this session."))
    return participant


def rounds(activity: Activity) -> list[CafeRound]:
    return list(db.session.scalars(
        select(CafeRound).where(CafeRound.activity_id == activity.id).order_by(CafeRound.number)
    ))


def current_round(activity: Activity) -> CafeRound | None:
    return db.session.scalar(
        select(CafeRound).where(CafeRound.activity_id == activity.id)
        .order_by(CafeRound.number.desc()).limit(1)
    )


def seating(round_: CafeRound) -> dict[int, int]:
    """participant id -> table id"""
    return dict(db.session.execute(
        select(Seat.participant_id, Seat.table_id).where(Seat.round_id == round_.id)
    ).all())


def seat_of(round_: CafeRound | None, participant_id: int) -> Seat | None:
    if round_ is None:
        return None
    return db.session.scalar(
        select(Seat).where(Seat.round_id == round_.id, Seat.participant_id == participant_id)
    )


def history(activity: Activity, before: int) -> list[dict[int, int]]:
    return [seating(r) for r in rounds(activity) if r.number < before]


def departed(activity: Activity) -> set[int]:
    return set(db.session.scalars(
        select(Departure.participant_id).where(Departure.activity_id == activity.id)
    ))


def present(activity: Activity) -> list[Participant]:
    """Everyone of the session who has not left the café."""
    gone = departed(activity)
    people = db.session.scalars(
        select(Participant).where(Participant.session_id == activity.session_id)
        .order_by(Participant.id)
    )
    return [p for p in people if p.id not in gone]
