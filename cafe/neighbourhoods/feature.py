"""Neighbourhood analyses in the app: their tables and pages (the report: cafe.reports)."""

from flask import Flask

from cafe.neighbourhoods import models  # noqa: F401 - its tables belong to the app's metadata
from cafe.neighbourhoods.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
