"""A neighbourhood's trajectory from café to change: actions that answer what residents chose,
the indicators the community chose, look-back sessions, the public "you said, we did" page,
the steering committee's progress report and the read-only API."""


def init_app(app):
    from cafe.trajectory import models  # noqa: F401
    from cafe.trajectory.public import bp as public_bp
    from cafe.trajectory.public import link_for
    from cafe.trajectory.report import bp as report_bp
    from cafe.trajectory.routes import bp

    app.register_blueprint(bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(public_bp)

    @app.context_processor
    def public_trajectory_link():
        """For a phone's recap: the neighbourhood's public page, if its session has one."""

        def trajectory_link(session) -> str | None:
            hood_id = getattr(session, "neighbourhood_id", None)
            return link_for(hood_id) if hood_id else None

        return {"trajectory_link": trajectory_link}
