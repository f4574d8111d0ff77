"""Error pages in the reader's language, in the product's layout, with a way back.

Werkzeug's own pages are English and lead nowhere; a resident who scanned an old QR code or a
moderator who opened a page of the owner's needs to know what happened and where to go.
"""

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

# Status -> (title, explanation). Plain words: these pages are read by residents too.
PAGES = {
    400: (_l("Something in the request was not right"),
          _l("The page could not use what was sent. Please go back, reload the page and "
             "try again.")),
    403: (_l("You may not open this page"),
          _l("Your role in this session does not include this page. Ask the session's "
             "owner if you need it.")),
    404: (_l("Page not found"),
          _l("There is no page at this address. Perhaps the link is old or mistyped.")),
    405: (_l("Something in the request was not right"),
          _l("The page could not use what was sent. Please go back, reload the page and "
             "try again.")),
    410: (_l("This link is no longer valid"),
          _l("It was withdrawn or it expired. Ask the person who sent it for a new one.")),
    429: (_l("Please wait"),
          _l("Too many attempts in a short time. Please wait a minute and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("Nothing you sent before this is lost. Please try again in a moment.")),
}


def render_error(exc: HTTPException):
    """The page for an HTTP error of a page (not the JSON API, which answers in JSON)."""
    code = exc.code or 500
    title, explanation = PAGES.get(code, PAGES[500] if code >= 500 else PAGES[400])
    # A message written for this error (e.g. abort(410, "This invitation was withdrawn"))
    # says more than the generic one; Werkzeug's default descriptions do not.
    own = exc.description if exc.description != type(exc).description else None
    if isinstance(exc, CSRFError):
        # Flask-WTF's reasons are English and technical; the cause is nearly always a page
        # left open too long (the token expired) or opened before logging in again.
        own = _l("This form has expired. Please reload the page and send it again.")
    facilitator = bool(current_user and current_user.is_authenticated)
    body = render_template("errors/error.html", code=code, title=title,
                           explanation=explanation, own=own, facilitator=facilitator)
    response = exc.get_response()
    response.set_data(body)
    response.content_type = "text/html; charset=utf-8"
    return response


def _api_path() -> bool:
    return request.path == "/api/v1" or request.path.startswith("/api/")


def init_app(app):
    def handle_http(exc: HTTPException):
        if _api_path() or exc.code is None or exc.code < 400:
            return exc
        return render_error(exc)

    def handle_unexpected(exc: InternalServerError):
        if _api_path():
            return exc
        return render_error(exc)

    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, handle_unexpected)
