"""Pages and helpers shared by every view: home, health, QR codes, headers, locale."""


def init_app(app):
    from cafe.web import errors, headers, locale, static_files
    from cafe.web.routes import bp

    app.register_blueprint(bp)
    headers.init_app(app)
    locale.init_app(app)
    errors.init_app(app)
    static_files.init_app(app)
