"""CPU-bound work in a real OS thread, so the event loop keeps serving every other client.

Under eventlet or gevent a handler that computes for a second freezes every connection of the
process; eventlet's tpool and gevent's thread pool run the work in an OS thread while the
handler's green thread waits. Under threading the handler has its own thread already. The
function must not touch Flask or the database: give it plain data, take plain data back.
Every heavy job goes through here (World Café seating, the figures CSV parse, each step of a
report build, word clouds, the opinion map); tests/live/test_heavy_work_off_the_loop.py shows the
room answered while each of the first four runs on a real eventlet server.
"""

import sys

from flask import current_app


def offload(fn, *args, **kwargs):
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args, **kwargs)
    if mode == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(fn, args, kwargs)
    return fn(*args, **kwargs)


def gil_pause():
    """A function that lets other threads take the GIL for a moment, for CPU-bound work to call
    every so often while it runs beside the event loop: the unpatched time.sleep(0) (the
    patched one would switch green threads, not OS threads)."""
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "eventlet":
        from eventlet import patcher

        sleep = patcher.original("time").sleep
        return lambda: sleep(0)
    if mode == "gevent":
        from gevent import monkey

        sleep = monkey.get_original("time", "sleep")
        return lambda: sleep(0)
    import time

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
