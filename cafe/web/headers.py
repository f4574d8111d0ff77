"""Security headers on every response."""

from cafe.web.inline import policy

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


# Scripts and stylesheets are never shown as a page: a policy, a framing rule or a feature
# rule on them does nothing (only nosniff does), and on a slow network each file's headers cost
# about 400 bytes more.
NOT_DOCUMENTS = frozenset({"text/javascript", "application/javascript", "text/css"})


def init_app(app):
    @app.after_request
    def set_headers(response):
        if response.mimetype in NOT_DOCUMENTS:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            return response
        # A page that inlined one of our files allows exactly that text (cafe/web/inline.py).
        response.headers.setdefault("Content-Security-Policy", policy(CSP))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
