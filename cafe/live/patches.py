"""Versioned patches for the screens: what one change did to an activity, not its whole view.

Every activity has a version number that grows by one with each patch. A whole view carries
the version it was built at; a patch carries its own. A client applies a patch that follows
the version it holds, ignores an older one, and after a gap (a message lost while it was away,
or patches of two processes crossing) asks for the whole state once (`state:get`).

With several processes the number is kept in Redis (INCR), so they count together; alone,
on the app's LiveRuntime (bounded: a forgotten activity starts again from the clock, which
only makes a client ask for the state once).
"""

import time

from cafe.extensions import socketio
from cafe.live import rooms
from cafe.live.cluster import redis_client
from cafe.live.runtime import live

# Activities whose version a process keeps in memory at most (one café has a few dozen).
MAX_VERSIONS = 10_000
# Redis forgets the version of an activity unchanged for a day.
REDIS_TTL = 24 * 3600


def _start() -> int:
    """A new counter starts from the clock: larger than anything handed out before it."""
    return int(time.time() * 1000)


def _key(activity_id: int) -> str:
    return f"{socketio.server.manager.channel}:version:{activity_id}"


def current(activity_id: int) -> int:
    """The version a whole view built now carries (read before the view is built)."""
    client = redis_client()
    if client is not None:
        try:
            found = client.get(_key(activity_id))
            if found is not None:
                return int(found)
            client.set(_key(activity_id), _start(), nx=True, ex=REDIS_TTL)
            return int(client.get(_key(activity_id)) or 0)
        except Exception:  # Redis away: clients ask for the state after the next patch
            return 0
    runtime = live()
    with runtime.lock:
        if activity_id not in runtime.versions:
            _remember(runtime, activity_id, _restart(runtime))
        return runtime.versions[activity_id]


def bump(activity_id: int) -> int:
    """The version of a new patch."""
    client = redis_client()
    if client is not None:
        try:
            key = _key(activity_id)
            client.set(key, _start(), nx=True, ex=REDIS_TTL)
            pipe = client.pipeline()
            pipe.incr(key)
            pipe.expire(key, REDIS_TTL)
            return int(pipe.execute()[0])
        except Exception:
            return 0
    runtime = live()
    with runtime.lock:
        version = runtime.versions.pop(activity_id, None) or _restart(runtime)
        _remember(runtime, activity_id, version + 1)
        return version + 1


def _remember(runtime, activity_id: int, version: int) -> None:
    runtime.versions[activity_id] = version  # last in the dict: most recently used
    while len(runtime.versions) > MAX_VERSIONS:
        forgotten = runtime.versions.pop(next(iter(runtime.versions)))
        runtime.versions_floor = max(runtime.versions_floor, forgotten)


def _restart(runtime) -> int:
    """Above anything this process handed out, even when patches outran the clock."""
    return max(_start(), runtime.versions_floor + 1)


def send(activity, ids: set[int], current_activity: int | None) -> bool:
    """Send the console (and the projector, when it shows this activity) a patch of these
    items, built by the app's view builder. False: the activity's kind has no patches, the
    caller sends the whole view."""
    views = live().views
    audiences = ["console"] + (["projector"] if activity.id == current_activity else [])
    built = {audience: views.patch(activity, audience, ids) for audience in audiences}
    if any(patch is None for patch in built.values()):
        return False
    version = bump(activity.id)
    for audience, patch in built.items():
        socketio.emit("patch", {"id": activity.id, "version": version, **patch},
                      to=rooms.view_room(activity.session_id, audience))
    return True
