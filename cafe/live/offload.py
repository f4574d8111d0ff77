"""CPU-bound work in a real OS thread, so the event loop keeps serving every other client.

Under eventlet or gevent a handler that computes for a second freezes every connection of the
process; eventlet's tpool and gevent's thread pool run the work in an OS thread while the
handler's green thread waits, and hand the result back through the hub (a pipe the loop
watches). Under threading the handler has its own thread already. Every heavy job goes through
`offload` (World Café seating, the figures CSV parse, each step of a report build, word clouds,
the opinion map); tests/live/test_heavy_work_off_the_loop.py shows the room answered meanwhile.

The one rule of the hand-over: the OS thread never touches a green primitive. Monkey patching
makes every lock created after it green (eventlet's Semaphore, gevent's), and a green lock
that an OS thread finds taken parks that thread on a hub of its own that nothing wakes, or is
woken from the loop's hub ("greenlet.error: Cannot switch to a different thread",
eventlet/eventlet#432): the room hangs. So:
- the function gets plain data and returns plain data (no Flask, no database, no socket);
- the few process-wide locks that libraries take from any thread get native locks
  (`_native_shared_locks`): logging's, the threading module's registry of threads (eventlet's
  green `current_thread()` reads it from an OS thread, e.g. in threadpoolctl or a log record),
  threadpoolctl's shared state;
- one job runs at a time per app (`_gate`, a semaphore only the loop touches), so two OS
  threads never meet on a lock a library made after patching (matplotlib, fontTools...).
tests/live/test_offload.py plays these under real eventlet and gevent processes.
"""

import logging
import sys
import threading
import time

from flask import current_app

KEY = "cafe_offload"


def offload(fn, *args, **kwargs):
    app = current_app._get_current_object()
    mode = app.config.get("ASYNC_MODE")
    if mode not in ("eventlet", "gevent"):
        return fn(*args, **kwargs)
    with _gate(app):
        _native_shared_locks(mode)
        if mode == "eventlet":
            from eventlet import tpool  # noqa: PLC0415 - only an eventlet server may import eventlet

            return tpool.execute(fn, *args, **kwargs)
        import gevent  # noqa: PLC0415 - only a gevent server may import gevent

        return gevent.get_hub().threadpool.apply(fn, args, kwargs)


def _gate(app) -> threading.Semaphore:
    """At most one offloaded job of this app at a time. Made on first use, on the loop's
    thread, so it is the loop's own kind of semaphore; the OS thread never sees it."""
    gate = app.extensions.get(KEY)
    if gate is None:
        gate = app.extensions[KEY] = threading.BoundedSemaphore(1)
    return gate


def _native(mode: str):
    """The unpatched RLock type and lock factory."""
    if mode == "eventlet":
        from eventlet import patcher  # noqa: PLC0415 - only an eventlet server may import eventlet

        thread = patcher.original("_thread")
        return thread.RLock, thread.allocate_lock
    from gevent import monkey  # noqa: PLC0415 - only a gevent server may import gevent

    return (monkey.get_original("_thread", "RLock"),
            monkey.get_original("_thread", "allocate_lock"))


def _native_shared_locks(mode: str) -> None:
    """Native locks for what the loop and the OS thread both take: logging's module lock and
    every handler's (a library logging from the OS thread while the loop logs), the threading
    module's registry lock, threadpoolctl's shared state. Handlers made later get theirs at the
    next offload. Safe to swap from the loop: no green thread switches while it holds one of
    these (they guard a few dictionary operations, or a write to a plain file)."""
    rlock, allocate_lock = _native(mode)
    lock = type(allocate_lock())
    if not isinstance(logging._lock, rlock):
        logging._lock = rlock()
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", ()):
            if not isinstance(handler.lock, rlock):
                handler.lock = rlock()
    if not isinstance(threading._active_limbo_lock, rlock):
        threading._active_limbo_lock = rlock()
    threadpoolctl = sys.modules.get("threadpoolctl")
    shared = getattr(getattr(threadpoolctl, "OpenBLASController", None), "_SHARED_STATE", None)
    if shared is not None and not isinstance(shared.lock, lock):
        shared.lock = allocate_lock()


def gil_pause():
    """A function that lets other threads take the GIL for a moment, for CPU-bound work to call
    every so often while it runs beside the event loop: the unpatched time.sleep(0) (the
    patched one would switch green threads, not OS threads)."""
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "eventlet":
        from eventlet import patcher  # noqa: PLC0415 - only an eventlet server may import eventlet

        sleep = patcher.original("time").sleep
        return lambda: sleep(0)
    if mode == "gevent":
        from gevent import monkey  # noqa: PLC0415 - only a gevent server may import gevent

        sleep = monkey.get_original("time", "sleep")
        return lambda: sleep(0)
    return lambda: time.sleep(0)


def share_the_gil(app) -> None:
    """While heavy work computes in its OS thread, the event loop's thread waits for the GIL
    each time it wakes (a message in, a database answer), up to Python's switch interval:
    5 ms by default, a dozen times per answered event. GIL_SWITCH_INTERVAL_MS (0.5) lets the
    loop in sooner; with one thread computing and the loop mostly waiting on sockets, the
    extra switches cost little. Process-wide, so set by the serving process only."""
    milliseconds = app.config.get("GIL_SWITCH_INTERVAL_MS")
    if milliseconds and app.config.get("ASYNC_MODE") in ("eventlet", "gevent"):
        sys.setswitchinterval(float(milliseconds) / 1000)
