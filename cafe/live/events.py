"""Connecting and reconnecting: who you are, which rooms, and the full current state."""

import hmac

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room
from sqlalchemy import select

from cafe.extensions import db, socketio
from cafe.live import connections, rooms, tasks
from cafe.live.broadcast import publish
from cafe.live.changes import Changes
from cafe.live.state import full_state
from cafe.participants.services import participant_for_token, token_from_request
from cafe.security import code_guesses
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.team.permissions import may


def _refuse(code: str, message: str):
    raise ConnectionRefusedError(message, {"error": code})


@socketio.on("connect")
def on_connect(auth=None):
    tasks.start(current_app._get_current_object())  # a client may connect before any page
    auth = auth if isinstance(auth, dict) else {}
    code = normalise(str(auth.get("session") or ""))
    view = auth.get("view", "phone")
    if code_guesses.blocked():
        _refuse("rate_limited", _("Too many attempts. Please wait a moment and try again."))
    session = db.session.scalar(select(CafeSession).where(CafeSession.code == code))
    if session is None:
        code_guesses.missed()
        _refuse("unknown_session", _("There is no session with this code."))
    if view not in rooms.VIEWS:
        _refuse("bad_request", _("The request was not understood."))

    conn = connections.Connection(
        sid=request.sid, session_id=session.id, view=view, language=session.language
    )
    if view == "phone":
        token = auth.get("token") or token_from_request(request, session.code)
        participant = participant_for_token(session.id, token if isinstance(token, str) else "")
        if participant is None:
            _refuse("not_joined", _("Please join the session first."))
        conn.participant_id = participant.id
        conn.language = participant.language
        if participant.assisted:
            # Only the facilitators can open an assisted participant's phone view (console link).
            conn.extra["assisted_by"] = (
                current_user.id if may(current_user, "run", session) else session.facilitator_id
            )
    elif view == "projector":
        key = auth.get("key")
        if not may(current_user, "projector", session) and not (
            isinstance(key, str) and hmac.compare_digest(key, session.projector_key)
        ):
            _refuse("forbidden", _("This projector link is not valid."))
    elif not may(current_user, "console", session):
        _refuse("forbidden", _("Only the facilitator of this session can open its console."))
    if view == "console":
        conn.facilitator_id = current_user.id
        conn.extra["username"] = current_user.username  # for the action log
        conn.language = current_user.language

    connections.add(conn)
    join_room(rooms.session_room(session.id))
    join_room(rooms.view_room(session.id, view))
    if conn.participant_id is not None:
        join_room(rooms.participant_room(conn.participant_id))
    if current_user.is_authenticated:
        join_room(rooms.user_room(session.id, current_user.id))
    with force_locale(conn.language):
        emit("state", full_state(conn))
    if conn.participant_id is not None:
        publish(Changes(session.id, participants=True))


@socketio.on("disconnect")
def on_disconnect(*_args):
    conn = connections.remove(request.sid)
    if conn is not None and conn.participant_id is not None:
        publish(Changes(conn.session_id, participants=True))


@socketio.on("state:get")
def on_state_get(_data=None):
    """A client that suspects it missed something asks for everything again."""
    conn = connections.get(request.sid)
    if conn is None:
        return {"ok": False, "error": "not_connected", "message": _("Please reload the page.")}
    with force_locale(conn.language):
        return {"ok": True, "state": full_state(conn)}
