"""The report in the app: its routes, and jobs a previous process left half-done marked failed."""

from flask import Flask

from cafe.reports import jobs
from cafe.reports.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    jobs.fail_interrupted(app.instance_path)
