"""Policy Delphi: asynchronous anonymous rounds with statistics, consensus and dissent."""


def init_app(app):
    from cafe.delphi import console_routes, models  # noqa: F401
    from cafe.delphi.panelist_routes import panelist_bp
    from cafe.delphi.routes import bp

    app.register_blueprint(bp)
    app.register_blueprint(panelist_bp)
