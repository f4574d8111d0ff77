"""The team: co-facilitators and moderators of a session, who may do what, the action log,
and facilitator accounts made by invitation."""


def init_app(app):
    from cafe.team import log, models, permissions  # noqa: F401
    from cafe.team.routes import bp

    app.register_blueprint(bp)
    permissions.guard_the_pipeline(app)
