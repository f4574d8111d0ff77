"""Participants in the app: the join routes, their socket events, and the console acting for
an assisted participant (registered on the live pipeline)."""

from flask import Flask

from cafe.live.runtime import live
from cafe.participants import events, models, plain  # noqa: F401 (socket handlers, tables)
from cafe.participants.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(plain.bp)
    live(app).acting_for = events.acting_for
