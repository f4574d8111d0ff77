"""Neighbourhoods and their analysis (buurtanalyse), and the report for the steering committee."""


def init_app(app):
    from cafe.neighbourhoods import models  # noqa: F401
    from cafe.neighbourhoods.routes import bp

    app.register_blueprint(bp)
