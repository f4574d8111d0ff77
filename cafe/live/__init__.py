"""The live layer: connections, rooms, the event pipeline and broadcasting."""


def init_app(app):
    from cafe.live import events, idempotency, tasks  # noqa: F401

    tasks.init_app(app)
