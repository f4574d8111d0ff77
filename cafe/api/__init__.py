"""The versioned JSON API under /api/v1, described by /api/v1/openapi.json."""


def init_app(app):
    from cafe.api.routes import bp
    from cafe.extensions import csrf

    # The API authenticates by token or session cookie and takes JSON only, so a
    # cross-site form post cannot reach it; CSRF tokens are for the HTML forms.
    csrf.exempt(bp)
    app.register_blueprint(bp)
