"""The team: co-facilitators and moderators of a session, who may do what, the action log,
and facilitator accounts made by invitation."""


def init_app(app):
    # At app creation, not at import: the live pipeline and the sessions import
    # cafe.team.permissions and cafe.team.log, and the routes import both of them back.
    from cafe.team import log, models, routes  # noqa: F401

    app.register_blueprint(routes.bp)
