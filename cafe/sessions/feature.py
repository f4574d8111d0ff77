"""Sessions in the app: routes, socket events, and who connects and what they see (registered
on the live pipeline, which knows no feature)."""

from flask import Flask

from cafe.live.runtime import live
from cafe.sessions import events, models  # noqa: F401 (socket handlers, tables)
from cafe.sessions.connect import identify
from cafe.sessions.routes import bp
from cafe.sessions.views import SessionViews


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    runtime = live(app)
    runtime.identify = identify
    runtime.views = SessionViews()
