"""The plan library: save a session's agenda as a plan, list, export and import plans."""


def init_app(app):
    from cafe.library import models  # noqa: F401
    from cafe.library.routes import bp

    app.register_blueprint(bp)
