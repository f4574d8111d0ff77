"""Policy Delphi: asynchronous anonymous rounds with statistics, consensus and dissent."""


def init_app(app):
    from cafe.delphi import console_routes, mail_routes, models, stop_routes  # noqa: F401
    from cafe.delphi.panelist_routes import panelist_bp
    from cafe.delphi.routes import bp
    from cafe.domain.report import percent

    app.register_blueprint(bp)
    app.register_blueprint(panelist_bp)
    # The console rounds shares as the report does (28.6% is 29%, not 28%).
    app.add_template_filter(percent, "percent")
