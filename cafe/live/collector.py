"""Garbage collection for a live server: no pause in the middle of a vote, no drift in a
long one.

Python's full collection walks every object the process holds. With a thousand phones
connected it took 150-330 ms on the eventlet server (measured with gc.callbacks during
`make bench`), long enough to hold up a vote on its way to the projector. So the server
freezes what start-up made (it lives as long as the process and need not be walked again),
leaves the young generations to Python, and runs the full collection itself: when the room
has been quiet for GC_QUIET_SECONDS, and at the latest every GC_FULL_INTERVAL seconds (a room
that is never quiet still gets one: issue 31's three-hour soak grew by garbage otherwise).

When the last connection has gone, the process also hands freed memory back to the system
(glibc's malloc_trim): Python's allocator keeps freed arenas, so without it the RSS of an
evening stays at its peak long after the room emptied.
"""

import ctypes
import ctypes.util
import gc
import time

from cafe.live.runtime import live

# Python counts young collections up to this before a full one; we never let it get there.
_NEVER = 1_000_000


def busy() -> None:
    """A client event is being handled (cheap: called for every event)."""
    live().busy()


def full_collection_due(now: float, last_full: float, last_event: float, quiet: float,
                        interval: float) -> bool:
    """A quiet room gets its full collection once `quiet` seconds passed without an event
    (not more than every `quiet` x 15 s); a room that never rests, after `interval`."""
    since = now - last_full
    return since >= interval or (now - last_event >= quiet and since >= quiet * 15)


def _malloc_trim():
    """glibc's malloc_trim, or None on another C library (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_memory(trim=None) -> int:
    """A full collection, then the freed memory back to the system where glibc allows.
    Returns the objects collected."""
    found = gc.collect()
    trim = trim or _malloc_trim()
    if trim is not None:
        trim(0)
    return found


def start(app, socketio) -> bool:
    """Take over full collections for this process (the serving entry point calls it)."""
    interval = float(app.config["GC_FULL_INTERVAL"] or 0)
    runtime = live(app)
    if not interval or not runtime.start_once("collector"):
        return False
    quiet = float(app.config["GC_QUIET_SECONDS"])
    trim = _malloc_trim()
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)

    def loop():
        last_full = time.monotonic()
        emptied = True  # released already (nobody connected yet)
        while True:
            socketio.sleep(1)
            now = time.monotonic()
            empty = not runtime.connections
            if empty and not emptied and now - runtime.last_event >= quiet:
                started = time.perf_counter()
                found = release_memory(trim)
                last_full, emptied = time.monotonic(), True
                app.logger.info("room empty: %s objects freed, memory released in %.0f ms",
                                found, (time.perf_counter() - started) * 1000)
                continue
            emptied = emptied and empty
            if full_collection_due(now, last_full, runtime.last_event, quiet, interval):
                started = time.perf_counter()
                found = gc.collect()
                last_full = time.monotonic()
                app.logger.debug("full collection: %s objects freed in %.0f ms", found,
                                 (time.perf_counter() - started) * 1000)

    socketio.start_background_task(loop)
    return True
