"""Pages and helpers shared by every view: home, health, QR codes, headers, locale."""


def init_app(app):
    from cafe.web import headers, locale
    from cafe.web.routes import bp

    app.register_blueprint(bp)
    headers.init_app(app)
    locale.init_app(app)
