"""Who connects: the session by its code, a phone by its participant token, the projector by
its key or a team login, the console by a team member's login. Registered on the app's
LiveRuntime as `identify`; the live layer then joins the rooms and sends the state."""

import hmac

from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError
from sqlalchemy import select

from cafe.extensions import db
from cafe.live import rooms
from cafe.live.connections import Connection
from cafe.participants.services import participant_for_token, token_from_request
from cafe.security import code_guesses
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.team.permissions import may


def _refuse(code: str, message: str):
    raise ConnectionRefusedError(message, {"error": code})


def identify(sid: str, auth: dict) -> Connection:
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

    conn = Connection(sid=sid, session_id=session.id, view=view, language=session.language)
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
    if current_user.is_authenticated:
        conn.extra["user_id"] = current_user.id  # its screens end when the team changes
    if view == "console":
        conn.facilitator_id = current_user.id
        conn.extra["username"] = current_user.username  # for the action log
        conn.language = current_user.language
    return conn
