"""Turning committed Changes into Socket.IO messages, one encoding per room.

Consoles and projectors get each change at once. Phones are many: their updates are
coalesced per activity and sent at most every PHONE_UPDATE_INTERVAL seconds.
"""

import threading

from flask import current_app

from cafe.extensions import db, socketio
from cafe.live import rooms
from cafe.live.changes import Changes
from cafe.live.state import (
    activity_view,
    assisted_participants,
    participant_counts,
    private_view,
    session_header,
)
from cafe.sessions.models import Activity, CafeSession

_pending_phone: set[tuple[int, int]] = set()
_lock = threading.Lock()


def publish(changes: Changes | None) -> None:
    if changes is None:
        return
    session = db.session.get(CafeSession, changes.session_id)
    if session is None:
        return
    if changes.agenda:
        socketio.emit("session", session_header(session), to=rooms.session_room(session.id))
        if session.current_activity_id:
            changes.activities.add(session.current_activity_id)
    for activity_id in sorted(changes.activities):
        activity = db.session.get(Activity, activity_id)
        if activity is None or activity.session_id != session.id:
            continue
        _emit_view(activity, "console")
        if activity.id == session.current_activity_id:
            _emit_view(activity, "projector")
            _phones(session.id, activity)
    if changes.participants:
        counts = participant_counts(session.id)
        socketio.emit("participants", counts, to=rooms.view_room(session.id, "projector"))
        counts["assisted"] = assisted_participants(session.id)
        socketio.emit("participants", counts, to=rooms.view_room(session.id, "console"))
    for participant_id, activity_id in sorted(changes.private):
        activity = db.session.get(Activity, activity_id)
        if activity is not None:
            socketio.emit(
                "private",
                private_view(activity, participant_id),
                to=rooms.participant_room(participant_id),
            )
    for message in changes.messages:
        socketio.emit(message.event, message.payload, to=message.room)


def _emit_view(activity: Activity, audience: str) -> None:
    socketio.emit(
        "activity",
        activity_view(activity, audience),
        to=rooms.view_room(activity.session_id, audience),
    )


def _phones(session_id: int, activity: Activity) -> None:
    if not current_app.config.get("PHONE_UPDATE_INTERVAL"):
        _emit_view(activity, "phone")
        return
    with _lock:
        _pending_phone.add((session_id, activity.id))


def start_phone_flusher(app) -> None:
    """One background task per process sends the coalesced phone updates."""
    interval = app.config.get("PHONE_UPDATE_INTERVAL")
    if not interval or app.extensions.get("cafe_phone_flusher"):
        return
    app.extensions["cafe_phone_flusher"] = True

    def loop():
        while True:
            socketio.sleep(interval)
            with _lock:
                batch = sorted(_pending_phone)
                _pending_phone.clear()
            if not batch:
                continue
            with app.app_context():
                try:
                    for _session_id, activity_id in batch:
                        activity = db.session.get(Activity, activity_id)
                        if activity is not None:
                            _emit_view(activity, "phone")
                except Exception:  # keep the flusher alive; the next change re-sends
                    app.logger.exception("phone update failed")
                finally:
                    db.session.remove()

    socketio.start_background_task(loop)
