"""The flusher: one background task per process that sends what `broadcast` deferred.

`broadcast.publish` sends a change at once when it may, and otherwise notes it (screens: at
most one update per SCREEN_UPDATE_INTERVAL, a vote following its board per
FOLLOWER_UPDATE_INTERVAL; phones: per PHONE_UPDATE_INTERVAL and PHONE_BYTES_PER_SECOND). This
task sends the noted updates when their interval ends, keeps the projector's online count
fresh across processes, and retries an update that failed instead of losing it.
"""

import time

from flask import current_app

from cafe.extensions import db, socketio
from cafe.live import rooms
from cafe.live.broadcast import (
    emit_phones,
    interval_of,
    send_participants,
    take_pending,
    update_screens,
)
from cafe.live.cluster import claim, processes, refresh_online, room_size
from cafe.live.runtime import LiveRuntime, live


def due_screens(now: float, state: LiveRuntime | None = None) -> list[tuple[str, int]]:
    state = state or live()
    with state.lock:
        due = [k for k in state.pending_screen
               if now - state.last_screen.get(k, 0.0) >= interval_of(k, state)]
        for key in due:
            state.pending_screen.discard(key)
            state.last_screen[key] = now
        if len(state.last_screen) > 10_000:  # forget activities long quiet
            for key in [k for k, t in state.last_screen.items() if now - t > 60]:
                del state.last_screen[key]
    lost = [key for key in due if not claim(key, interval_of(key, state))]
    if lost:
        with state.lock:
            state.pending_screen.update(lost)
    return sorted(set(due) - set(lost))


def flush_screens(due: list[tuple[str, int]], state: LiveRuntime | None = None) -> None:
    """Send each due screen update. One that fails is not lost: it waits again (whole), and
    is tried again after an interval that doubles with each failure in a row (a database
    busy for a moment must not leave a projector on an old map until the next change)."""
    state = state or live()
    for key in due:
        try:
            _flush_screen(key)
        except Exception:
            current_app.logger.exception("coalesced update of %s failed", key)
            db.session.rollback()
            with state.lock:
                failures = state.screen_failures[key] = state.screen_failures.get(key, 0) + 1
                state.pending_screen.add(key)
                state.last_screen[key] = time.monotonic() + min(
                    60.0, interval_of(key, state) * (2 ** failures - 1))
                if key[0] != "participants":
                    state.pending_items[key[1]] = None
        else:
            with state.lock:
                state.screen_failures.pop(key, None)


def _flush_screen(key: tuple[str, int]) -> None:
    what, ident = key
    if what == "participants":
        send_participants(ident)
        return
    views = live().views
    activity = views.load(ident)
    if activity is None:
        return
    update_screens(activity, take_pending(ident, set()), views.current(activity.session_id))


def flush_phones(now: float, interval: float) -> None:
    state = live()
    with state.lock:
        batch = sorted(
            (key, whole) for key, whole in state.pending_phone.items()
            if key[1] in state.urgent_phone or now >= state.next_phone.get(key[1], 0.0)
        )
        for key, _whole in batch:
            del state.pending_phone[key]
            state.urgent_phone.discard(key[1])
    for (session_id, activity_id), whole in batch:
        if not claim(activity_id, interval):
            # Another process just sent this activity's phones an update; ours follows
            # when its interval ends (it may already hold our change: one spare update).
            with state.lock:
                key = (session_id, activity_id)
                state.pending_phone[key] = state.pending_phone.get(key, False) or whole
                state.next_phone[activity_id] = now + interval
            continue
        try:
            activity = state.views.load(activity_id, session_id)
            if activity is None:
                continue
            if state.views.current(session_id) != activity_id:
                continue  # the agenda moved on: the phones show another activity now
            size = emit_phones(activity, whole, state.phone_budget)
        except Exception:  # not lost: tried again an interval later, whole
            current_app.logger.exception("coalesced phone update of %s failed", activity_id)
            db.session.rollback()
            with state.lock:
                state.pending_phone[(session_id, activity_id)] = True
                state.next_phone[activity_id] = now + interval
            continue
        wait = interval
        if state.phone_budget:
            room = rooms.view_room(session_id, "phone")
            wait = max(interval, size * room_size(room) * processes() / state.phone_budget)
            claim(activity_id, wait, extend=True)
        with state.lock:
            state.next_phone[activity_id] = now + wait


def start_flusher(app) -> None:
    """One background task per process sends the coalesced phone and screen updates."""
    state = live(app)
    phone_interval = app.config["PHONE_UPDATE_INTERVAL"] or 0
    screen_interval = app.config["SCREEN_UPDATE_INTERVAL"] or 0
    if not (phone_interval or screen_interval) or not state.start_once("flusher"):
        return
    state.screen_interval = float(screen_interval)
    state.follower_interval = float(app.config.get("FOLLOWER_UPDATE_INTERVAL") or 0)
    state.phone_budget = float(app.config["PHONE_BYTES_PER_SECOND"] or 0)
    tick = min(t for t in (phone_interval, screen_interval) if t) / 2

    def flush():
        now = time.monotonic()
        due = due_screens(now, state) if screen_interval else []
        with state.lock:
            phones = bool(state.pending_phone)
        refresh_online(app, now)
        if not (due or phones):
            return
        with app.app_context():
            try:
                flush_screens(due, state)
                if phones:
                    flush_phones(now, phone_interval)
            finally:
                db.session.remove()

    def loop():
        while True:
            socketio.sleep(tick)
            try:
                flush()
            except Exception:  # keep the flusher alive: it is the only one
                app.logger.exception("coalesced update failed")

    socketio.start_background_task(loop)
