"""The steering-committee report in every format, built in the background from a
neighbourhood analysis (see jobs.py)."""


def init_app(app):
    from cafe.reports import jobs
    from cafe.reports.routes import bp

    app.config.setdefault("REPORT_TTL", 24 * 3600)
    app.register_blueprint(bp)
    jobs.fail_interrupted(app.instance_path)
