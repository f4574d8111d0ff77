"""The team in the app: its tables and pages, and its guard and recorder on the live pipeline
(who may send a console event; the action log line in the event's commit)."""

from flask import Flask

from cafe.team import (  # noqa: F401 - models: the app's metadata; invitation_routes: on bp
    invitation_routes,
    log,
    models,
    permissions,
)
from cafe.team.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    permissions.guard_the_pipeline(app)
