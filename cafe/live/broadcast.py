"""Turning committed Changes into Socket.IO messages, one encoding per room.

Phones are many: their updates are coalesced per activity and sent at most every
PHONE_UPDATE_INTERVAL seconds, and less often when the view's size times the phones in the
room would exceed PHONE_BYTES_PER_SECOND (the café's Wi-Fi and the server carry the product:
40 KB to 1,000 phones is 40 MB). Agenda changes (opening, closing) skip that budget.

Consoles and projectors get a change at once, unless one went out less than
SCREEN_UPDATE_INTERVAL ago: then the newest state follows when that interval ends, so a burst
of a thousand votes costs a few tallies, not a thousand. Coalescing happens where the flusher
runs (the real server, `cafe.live.flusher`); without it (the test client) every change is sent
at once.

What goes out is built by the app's view builder (`live().views`, which the sessions feature
registers): this module knows rooms and timing, not sessions or activity kinds.
"""

import functools
import time

from flask import current_app

from cafe.core import Changes
from cafe.extensions import socketio
from cafe.live import patches, rooms, wire
from cafe.live.cluster import claim, others_in
from cafe.live.runtime import LiveRuntime, live

PRIVATE_BATCH = 25


def publish(changes: Changes | None, answered: tuple | None = None) -> None:
    """Send what changed. `answered`: (sid, participant id, activity id, view) when the ack to
    that connection carried the participant's private view of the activity (`mine`): their
    other devices get that same view, and the sender nothing more."""
    if changes is None:
        return
    views = live().views
    if changes.agenda:
        header = views.header(changes.session_id)
        if header is None:
            return
        socketio.emit("session", header, to=rooms.session_room(changes.session_id))
        shown = header["current"]
        if shown:
            changes.activities.add(shown)

        def current():
            return shown
    else:
        # Read only when needed: most changes of a burst are noted and deferred, and after the
        # commit a read is three round trips on PostgreSQL (begin, select, rollback).
        current = functools.cache(functools.partial(views.current, changes.session_id))
    # Phones are only noted here (the flusher sends them), so most changes load nothing.
    for activity_id in sorted(changes.activities | changes.tallies):
        whole = changes.agenda or activity_id in changes.activities
        _phones(changes.session_id, activity_id, current, urgent=changes.agenda, whole=whole)
        items = None if whole else changes.items.get(activity_id)
        if not whole and items is None and not views.tally_shown(activity_id,
                                                                 changes.session_id):
            continue  # the screens' news comes later: their view now would be the one before
        # An agenda change (opening, closing) goes out at once: it is rare and people wait on it.
        if not changes.agenda and _defer(("activity", activity_id)):
            _note(activity_id, items)
            continue
        # A few items changed alone: a patch of them (and of those noted meanwhile), not the
        # view; its size and cost follow the change, not the wall.
        update_screens(_fresh(activity_id, changes.session_id), take_pending(activity_id, items),
                        current())
    # A vote on the board's cards shows every card: updated at most every
    # FOLLOWER_UPDATE_INTERVAL (a patch of the cards changed meanwhile, when its kind has
    # one), not for each of six cards a second.
    for activity_id in sorted(changes.followers - changes.activities):
        _phones(changes.session_id, activity_id, current)
        items = changes.items.get(activity_id)
        if _defer(("follows", activity_id)):
            _note(activity_id, items)
        else:
            update_screens(_fresh(activity_id, changes.session_id),
                            take_pending(activity_id, items), current())
    if changes.participants and not _defer(("participants", changes.session_id)):
        send_participants(changes.session_id)
    for done, (participant_id, activity_id) in enumerate(sorted(changes.private)):
        if done % PRIVATE_BATCH == PRIVATE_BATCH - 1:
            # Many private views at once (a World Café seats everyone): let the other clients'
            # events in between batches, instead of freezing the room while the views are built.
            socketio.sleep(0)
        room = rooms.participant_room(participant_id)
        if not others_in(room, None):
            continue  # nobody connected: they get everything when they connect
        if answered is not None and answered[1:3] == (participant_id, activity_id):
            sid, view = answered[0], answered[3]
            if others_in(room, sid):
                socketio.emit("private", {"activity": activity_id, "data": view}, to=room,
                              skip_sid=sid)
            continue
        activity = views.load(activity_id)
        if activity is not None:
            socketio.emit("private", views.private(activity, participant_id), to=room)
    for message in changes.messages:
        socketio.emit(message.event, message.payload, to=message.room)


def _fresh(activity_id: int, session_id: int):
    """The activity as committed now: the handler's copy may predate another event's commit."""
    return live().views.load(activity_id, session_id, fresh=True)


def _note(activity_id: int, items: set[int] | None) -> None:
    """A deferred screen update: the items to patch, added to those already waiting (None:
    the whole view, which holds every patch)."""
    state = live()
    with state.lock:
        if items is None or state.pending_items.get(activity_id, ()) is None:
            state.pending_items[activity_id] = None
        else:
            state.pending_items.setdefault(activity_id, set()).update(items)


def take_pending(activity_id: int, items: set[int] | None) -> set[int] | None:
    """What goes out now: these items and those noted before (None: the whole view)."""
    state = live()
    with state.lock:
        waiting = state.pending_items.pop(activity_id, set())
    return None if items is None or waiting is None else waiting | items


def update_screens(activity, items: set[int] | None, current: int | None) -> None:
    if activity is None:
        return
    if items is not None and patches.send(activity, items, current):
        return
    _screens(activity, current)


def _screens(activity, current: int | None) -> None:
    if activity is None:
        return
    # The projector first, and on its way before the console's view is built (the loop's turn
    # lets the connection's writer send it): the room watches it, and a city's opinion map
    # takes a tenth of a second or more to build (issue 29).
    if activity.id == current:
        _emit_view(activity, "projector")
        socketio.sleep(0)
    _emit_view(activity, "console")


def send_participants(session_id: int) -> None:
    views = live().views
    for audience in ("projector", "console"):
        socketio.emit("participants", views.participants(session_id, audience),
                      to=rooms.view_room(session_id, audience))


def _emit_view(activity, audience: str) -> None:
    socketio.emit(
        "activity",
        live().views.activity(activity, audience),
        to=rooms.view_room(activity.session_id, audience),
    )


def _phones(session_id: int, activity_id: int, current, urgent: bool = False,
            whole=True) -> None:
    """Phones show the current activity only (`current()`: its id); with the flusher, the
    flusher checks that when it sends (once per interval), not every change."""
    if not current_app.config.get("PHONE_UPDATE_INTERVAL"):
        if activity_id != current():
            return
        activity = _fresh(activity_id, session_id)
        if activity is not None:
            emit_phones(activity, whole)
        return
    key = (session_id, activity_id)
    state = live()
    with state.lock:
        state.pending_phone[key] = state.pending_phone.get(key, False) or whole
        if urgent:
            state.urgent_phone.add(activity_id)


def emit_phones(activity, whole: bool, budget: float = 0.0) -> int:
    """The whole phone view, or only its tally when nothing else changed; returns the size."""
    views = live().views
    patch = None if whole else views.tally(activity, "phone")
    if patch is None:
        event, payload = "activity", views.activity(activity, "phone")
    else:
        event, payload = "tally", {"id": activity.id, "data": patch}
    socketio.emit(event, payload, to=rooms.view_room(activity.session_id, "phone"))
    if not budget:
        return 0
    return len(wire.dumps(payload, separators=wire.SEPARATORS, default=str))


def _defer(key: tuple[str, int], state: LiveRuntime | None = None) -> bool:
    """True when this screen update waits for the flusher: one went out less than an
    interval ago. Otherwise the caller sends it now."""
    state = state or live()
    if not state.screen_interval:
        return False
    now = time.monotonic()
    interval = interval_of(key, state)
    with state.lock:
        if now - state.last_screen.get(key, 0.0) < interval:
            state.pending_screen.add(key)
            return True
        # Due (or overdue) now: this change sends it, with everything pending before it. Under
        # load this, not the flusher, keeps the screens current: a busy eventlet or gevent hub
        # runs ready handlers first and wakes a sleeping flusher a second or more late.
        state.pending_screen.discard(key)
        state.last_screen[key] = now
    if claim(key, interval):
        return False
    with state.lock:  # another process sent these screens just now; ours follows the interval
        state.pending_screen.add(key)
    return True


def interval_of(key: tuple[str, int], state: LiveRuntime) -> float:
    if key[0] == "follows":
        return max(state.follower_interval, state.screen_interval)
    return state.screen_interval
