"""The live layer: connections, rooms, the event pipeline and broadcasting."""


def init_app(app):
    from cafe.live import events, idempotency, runtime, tasks  # noqa: F401

    runtime.init_app(app)  # the process's live state: app.extensions["cafe_live"]
    tasks.init_app(app)
