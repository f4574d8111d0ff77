"""Who may do what in a neighbourhood's trajectory: as for sessions. The neighbourhood's owner,
and the co-facilitators of a session linked to it, change it; its moderators read it."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from cafe.extensions import db
from cafe.neighbourhoods.models import Neighbourhood
from cafe.sessions.models import CafeSession
from cafe.team.permissions import ACTIONS, OWNER, role_of

RANK = {"moderator": 1, "cofacilitator": 2, OWNER: 3}


def role_in(user, hood: Neighbourhood) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if hood.facilitator_id == user.id:
        return OWNER
    best = None
    for session in db.session.scalars(select(CafeSession)
                                      .where(CafeSession.neighbourhood_id == hood.id)):
        role = role_of(user, session)
        if role and RANK.get(role, 0) > RANK.get(best, 0):
            best = role
    return best


def hood_for(hood_id: int, action: str) -> Neighbourhood:
    """The neighbourhood, if the logged-in user may do `action` ("console": read, "run":
    change); 404 without any role, 403 with a role that does not allow it."""
    hood = db.session.get(Neighbourhood, hood_id)
    role = role_in(current_user, hood) if hood is not None else None
    if role is None:
        abort(404)
    if role not in ACTIONS[action]:
        abort(403)
    return hood
