"""Neighbourhoods and their analysis (buurtanalyse): figures, findings, stakeholders, and what
sessions and Delphi studies contribute. The report itself lives in cafe.reports."""


def init_app(app):
    from cafe.neighbourhoods import models  # noqa: F401
    from cafe.neighbourhoods.routes import bp

    app.register_blueprint(bp)
