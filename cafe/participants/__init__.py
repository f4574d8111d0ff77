"""Participants: phones that join a session by code, without an account."""


def init_app(app):
    from cafe.participants import events, models  # noqa: F401
    from cafe.participants.routes import bp

    app.register_blueprint(bp)
