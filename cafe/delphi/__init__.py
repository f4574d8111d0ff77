"""Policy Delphi: asynchronous anonymous rounds with statistics, consensus and dissent."""


def init_app(app):
    from cafe.delphi import models  # noqa: F401
    from cafe.delphi.routes import bp, panelist_bp

    app.register_blueprint(bp)
    app.register_blueprint(panelist_bp)
