"""Run by tests/live/test_offload.py in a fresh process: patch for eventlet or gevent as
cafe.server does, then offload work that logs and takes locks while the loop logs too.
Prints "ok" when everything finished; a hang ends at the timeout."""

import sys

MODE, CASE = sys.argv[1], sys.argv[2]
if MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
    spawn, sleep = eventlet.spawn, eventlet.sleep
    original_sleep = eventlet.patcher.original("time").sleep
else:
    import gevent
    from gevent import monkey

    monkey.patch_all()
    spawn, sleep = gevent.spawn, gevent.sleep
    original_sleep = monkey.get_original("time", "sleep")

import io  # noqa: E402  (after monkey patching, as in cafe.server)
import logging  # noqa: E402
import threading  # noqa: E402

from flask import Flask  # noqa: E402

from cafe.live.offload import offload  # noqa: E402

app = Flask(__name__)
app.config["ASYNC_MODE"] = MODE
log = logging.getLogger("probe")
log.addHandler(logging.StreamHandler(io.StringIO()))
log.setLevel(logging.INFO)
shared = threading.Lock()  # made after patching: a green lock, as a library's would be
LINES = 5000


def chatty_work():
    """A library that logs as it computes; a new logger now and then clears every logger's
    level cache, so logging's module lock is taken too."""
    for n in range(LINES):
        log.info("thread %s", n)
        if n % 500 == 0:
            logging.getLogger(f"probe.{n}")
    return "done"


def locking_work(nap):
    """A library that holds its own lock for a while."""
    for _ in range(10):
        with shared:
            nap(0.005)
    return "done"


def registry_work():
    """A library asking which thread it runs in (threadpoolctl does, and every log record):
    eventlet's green current_thread() reads the threading module's registry of threads."""
    for _ in range(LINES):
        threading.current_thread()
        threading.enumerate()
    return "done"


def registry_chatter():
    for n in range(LINES):
        threading.enumerate()
        if n % 50 == 0:
            sleep(0)


def chatter():
    for n in range(LINES):
        log.info("loop %s", n)
        if n % 50 == 0:
            sleep(0)


def offloaded(fn, *args):
    with app.app_context():
        return offload(fn, *args)


def main():
    if CASE == "logging":
        jobs = [spawn(offloaded, chatty_work)] + [spawn(chatter) for _ in range(3)]
    elif CASE == "registry":
        jobs = [spawn(offloaded, registry_work)] + [spawn(registry_chatter) for _ in range(3)]
    else:
        jobs = [spawn(offloaded, locking_work, original_sleep) for _ in range(3)]
    for job in jobs:
        job.wait() if MODE == "eventlet" else job.join()
        if MODE == "gevent" and not job.successful():
            raise job.exception
    print("ok", flush=True)


main()
