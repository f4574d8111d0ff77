"""The Delphi in the app: its routes, and its loop (schedules, outbox) among the live layer's
background tasks."""

from flask import Flask

from cafe.delphi import (  # noqa: F401 (routes, tables)
    background,
    console_routes,
    mail_routes,
    models,
    stop_routes,
)
from cafe.delphi.panelist_routes import panelist_bp
from cafe.delphi.routes import bp
from cafe.domain.report import percent
from cafe.live.runtime import live


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(panelist_bp)
    # The console rounds shares as the report does (28.6% is 29%, not 28%).
    app.add_template_filter(percent, "percent")
    live(app).add_task(background.start)
