"""Connecting and reconnecting: who you are (asked of the app's `identify`), which rooms, and
the full current state (from its view builder)."""

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, emit, join_room

from cafe.core import Changes
from cafe.extensions import socketio
from cafe.live import connections, rooms, tasks
from cafe.live.broadcast import publish
from cafe.live.runtime import live


@socketio.on("connect")
def on_connect(auth=None):
    app = current_app._get_current_object()
    tasks.start(app)  # a client may connect before any page
    runtime = live(app)
    if runtime.identify is None:
        raise ConnectionRefusedError("not serving sessions", {"error": "unavailable"})
    conn = runtime.identify(request.sid, auth if isinstance(auth, dict) else {})
    connections.add(conn)
    join_room(rooms.session_room(conn.session_id))
    join_room(rooms.view_room(conn.session_id, conn.view))
    if conn.participant_id is not None:
        join_room(rooms.participant_room(conn.participant_id))
    if conn.extra.get("user_id") is not None:
        # Every screen a team member opened with their login: a team change ends them all.
        join_room(rooms.user_room(conn.session_id, conn.extra["user_id"]))
    with force_locale(conn.language):
        emit("state", runtime.views.state(conn))
    if conn.participant_id is not None:
        publish(Changes(conn.session_id, participants=True))


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
        return {"ok": True, "state": live().views.state(conn)}
