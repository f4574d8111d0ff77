"""Neighbourhoods and their analysis (buurtanalyse): figures, findings, stakeholders, and what
sessions and Delphi studies contribute. The report itself lives in cafe.reports."""


def init_app(app):
    # At app creation, not at import: sessions import cafe.neighbourhoods.models, and the
    # routes (and the reports built on them) import sessions back.
    from cafe import reports
    from cafe.neighbourhoods import models, routes  # noqa: F401

    app.register_blueprint(routes.bp)
    # The report belongs with the analysis; registered here so FEATURES needs no second entry.
    reports.init_app(app)
