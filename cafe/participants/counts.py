"""How many have joined and are online, for the projector and the console."""

from sqlalchemy import func, select

from cafe.extensions import db
from cafe.live import connections
from cafe.live.cluster import online_total
from cafe.participants.models import Participant


def participant_counts(session_id: int) -> dict:
    rows = db.session.execute(
        select(Participant.role, func.count())
        .where(Participant.session_id == session_id)
        .group_by(Participant.role)
    ).all()
    by_role = {role or "unspecified": n for role, n in rows}
    return {
        "joined": sum(by_role.values()),
        # With several processes, all of them together (cafe.live.cluster.online_total).
        "online": online_total(session_id, connections.online_participants(session_id)),
        "by_role": by_role,
    }


def assisted_participants(session_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(Participant)
        .where(Participant.session_id == session_id, Participant.assisted.is_(True))
        .order_by(Participant.id)
    )
    return [p.public_dict() for p in rows]
