"""The app's background tasks: the flusher (coalesced phone and screen updates), the garbage
collector and those the features registered (`live(app).add_task(start)`: the Delphi loop of
schedules and the outbox). They start with the app, in whichever process serves it.

`create_app` registers the start; the tasks begin at the first request or Socket.IO connection
of the serving process, or at once when `cafe.server` starts. Not at import and not in
`create_app` itself: a WSGI host such as gunicorn may create the app before forking its workers
(`--preload`), and a task started before a fork never runs in the worker. The command line,
migrations and test apps serve nothing and start nothing (`LIVE_TASKS`, default: on unless
TESTING).
"""

from flask import Flask

from cafe.extensions import socketio
from cafe.live import collector
from cafe.live.flusher import start_flusher
from cafe.live.offload import share_the_gil
from cafe.live.runtime import live


def enabled(app: Flask) -> bool:
    setting = app.config["LIVE_TASKS"]
    return (not app.testing) if setting is None else bool(setting)


def start(app: Flask) -> bool:
    """Start the tasks once per app and process; True when this call started them."""
    runtime = live(app)
    if not enabled(app) or not runtime.start_once("tasks"):
        return False
    share_the_gil(app)
    start_flusher(app)
    collector.start(app, socketio)
    for task in runtime.tasks:
        task(app, socketio)
    return True


def init_app(app: Flask) -> None:
    @app.before_request
    def _start_live_tasks():
        start(app)
