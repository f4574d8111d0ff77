"""Who may do what in a session: the one answer every console route and socket event asks.

The owner (the facilitator who made the session) may do everything. A co-facilitator may do
everything but delete the session or change its team. A moderator opens the console to keep the
contributions clean: hide, show (approve), edit and merge cards and items, nothing else.
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from cafe.activities import registry
from cafe.core import forbidden
from cafe.extensions import db
from cafe.live.runtime import live
from cafe.sessions.models import CafeSession
from cafe.team import log
from cafe.team.models import SessionMember

OWNER, COFACILITATOR, MODERATOR = "owner", "cofacilitator", "moderator"

# action -> the roles that may do it
ACTIONS: dict[str, frozenset[str]] = {
    "console": frozenset({OWNER, COFACILITATOR, MODERATOR}),  # open the console, see the state
    "moderate": frozenset({OWNER, COFACILITATOR, MODERATOR}),
    "run": frozenset({OWNER, COFACILITATOR}),  # open, close, timers, settings, agenda, export
    "projector": frozenset({OWNER, COFACILITATOR}),
    "results": frozenset({OWNER, COFACILITATOR}),
    "log": frozenset({OWNER}),
    "team": frozenset({OWNER}),
    "delete": frozenset({OWNER}),
}

def moderation_events() -> frozenset[str]:
    """Console events a moderator may send: each kind names its own (`moderation_events`);
    every other console event is "run", so a new event is closed to moderators until its kind
    lists it."""
    return frozenset(e for kind in registry.all_kinds().values() for e in kind.moderation_events)


def event_action(event: str) -> str:
    return "moderate" if event in moderation_events() else "run"


def authorise_event(conn, event: str, payload, sender) -> None:
    """A guard of the live pipeline: a console event needs the sender's role to allow it.
    Asked on every event, not at connect only: a removed team member stops at once."""
    if sender.view != "console":
        return
    action = "run" if payload.on_behalf is not None else event_action(event)
    if not may(sender.facilitator_id, action, db.session.get(CafeSession, sender.session_id)):
        raise forbidden()


def guard_the_pipeline(app) -> None:
    """Socket events: who may send them, and the action log line in the same commit."""
    runtime = live(app)
    runtime.add_guard(authorise_event)
    runtime.add_recorder(log.record_event)


def _user_id(user) -> int | None:
    if user is None:
        return None
    if isinstance(user, int):
        return user
    if not getattr(user, "is_authenticated", False):
        return None
    return user.id


def role_of(user, session: CafeSession) -> str | None:
    """owner, cofacilitator, moderator, or None for everyone else."""
    user_id = _user_id(user)
    if user_id is None or session is None:
        return None
    if session.facilitator_id == user_id:
        return OWNER
    return db.session.scalar(
        select(SessionMember.role).where(
            SessionMember.session_id == session.id, SessionMember.facilitator_id == user_id
        )
    )


def may(user, action: str, session: CafeSession) -> bool:
    """May this user (a Facilitator, current_user or an id) do `action` in `session`?"""
    return role_of(user, session) in ACTIONS[action]


def session_for(session_id: int, action: str) -> CafeSession:
    """The session, for the logged-in user who may do `action` in it, or the request ends.

    Someone without any role gets 404 (no hint that it exists); a team member whose role does
    not allow this action gets 403.
    """
    session = db.session.get(CafeSession, session_id)
    role = role_of(current_user, session)
    if role is None:
        abort(404)
    if role not in ACTIONS[action]:
        abort(403)
    return session


def sessions_of(user) -> list[tuple[CafeSession, str]]:
    """The sessions this user owns or helps with, newest first, with their role."""
    user_id = _user_id(user)
    owned = db.session.scalars(select(CafeSession).where(CafeSession.facilitator_id == user_id))
    rows = [(s, OWNER) for s in owned]
    rows += [tuple(row) for row in db.session.execute(
        select(CafeSession, SessionMember.role)
        .join(SessionMember, SessionMember.session_id == CafeSession.id)
        .where(SessionMember.facilitator_id == user_id)
    ).all()]
    return sorted(rows, key=lambda row: row[0].created_at, reverse=True)
