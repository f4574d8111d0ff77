"""The API in the app: its blueprint, without CSRF tokens, and JSON errors for unknown paths."""

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from cafe.api.routes import bp, not_allowed, not_found
from cafe.extensions import csrf
from cafe.web.errors import render_error


def init_app(app: Flask) -> None:
    # The API authenticates by token or session cookie and takes JSON only, so a
    # cross-site form post cannot reach it; CSRF tokens are for the HTML forms.
    csrf.exempt(bp)
    app.register_blueprint(bp)

    # An unknown path or method under /api/v1 fails while routing, before Flask knows the
    # blueprint, so the blueprint's own handlers never see it: answer those in JSON here.
    def routing_error(handler):
        def handle(exc: HTTPException):
            if _in_api(bp.url_prefix):
                return handler(exc)
            return render_error(exc)
        return handle

    app.register_error_handler(404, routing_error(not_found))
    app.register_error_handler(405, routing_error(not_allowed))


def _in_api(prefix: str) -> bool:
    return request.path == prefix or request.path.startswith(prefix + "/")
