"""Shared pages and helpers in the app."""

from flask import Flask

from cafe.web import display, errors, headers, inline, locale, static_files
from cafe.web.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    headers.init_app(app)
    inline.init_app(app)
    locale.init_app(app)
    display.init_app(app)
    errors.init_app(app)
    static_files.init_app(app)
