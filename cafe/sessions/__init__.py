"""Sessions: a facilitator's live event, its agenda of activities, console and projector."""


def init_app(app):
    from cafe.sessions import events, models  # noqa: F401
    from cafe.sessions.routes import bp

    app.register_blueprint(bp)
