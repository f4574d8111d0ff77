"""The live layer in the app: its Socket.IO handlers (connect, disconnect, state:get) and its
background tasks. Its state, the LiveRuntime the features register on, is made by create_app
before any feature."""

from flask import Flask

from cafe.live import events, idempotency, tasks  # noqa: F401 (handlers, model)


def init_app(app: Flask) -> None:
    tasks.init_app(app)
