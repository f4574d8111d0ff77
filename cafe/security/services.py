"""A participant withdrawing their input; a facilitator changing the session's limits."""

from cafe.activities import registry
from cafe.core import Changes
from cafe.extensions import db
from cafe.security import settings
from cafe.sessions.models import CafeSession


def withdraw_everything(session: CafeSession, participant_id: int) -> Changes:
    """Ask every kind to remove this participant's contributions, in every activity of the
    session, open or closed. Kinds decide what is theirs (cards, votes, harvest items)."""
    changes = Changes(session.id)
    for activity in session.activities:
        kind = registry.get(activity.kind)
        if kind is None:
            continue
        changes.merge(kind.withdraw(activity, participant_id))
        changes.activities.add(activity.id)
        changes.private.add((participant_id, activity.id))
    db.session.flush()
    return changes


def change_settings(session: CafeSession, values: dict):
    """Returns the new SecuritySettings and what changed."""
    new = settings.update(session, {k: v for k, v in values.items() if v is not None})
    db.session.flush()
    return new, Changes(session.id)
