"""The trajectory in the app: its console, report and public routes, and the link a phone's
recap shows to the neighbourhood's public page."""

from flask import Flask

from cafe.trajectory import models  # noqa: F401 (tables)
from cafe.trajectory.public import bp as public_bp
from cafe.trajectory.public import link_for
from cafe.trajectory.report import bp as report_bp
from cafe.trajectory.routes import bp


def trajectory_link(session) -> str | None:
    """For a phone's recap: the neighbourhood's public page, if its session has one."""
    hood_id = getattr(session, "neighbourhood_id", None)
    return link_for(hood_id) if hood_id else None


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(public_bp)
    app.context_processor(lambda: {"trajectory_link": trajectory_link})
