"""The plan library: save a session's agenda as a plan, list, export and import plans."""


def init_app(app):
    # At app creation, not at import: other features import cafe.library.services, and the
    # routes import those features back.
    from cafe.library import models, routes  # noqa: F401

    app.register_blueprint(routes.bp)
