"""The plan library in the app: its tables and pages."""

from flask import Flask

from cafe.library import models  # noqa: F401 - its tables belong to the app's metadata
from cafe.library.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
