"""Rate limits on HTTP routes (Flask-Limiter): joins per address and session, failed logins.

Each app gets its own Limiter, so the limits are applied here, to the already registered views,
without the feature blueprints knowing about them.
"""

import time

from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_limiter import Limiter, RateLimitExceeded
from sqlalchemy import select

from cafe.extensions import db
from cafe.security import settings
from cafe.security.addresses import client_ip
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession

JOIN_ENDPOINTS = ("participants.join", "api.join")
LOGIN_ENDPOINT = "auth.login"


def _session_from_url() -> CafeSession | None:
    code = normalise(str((request.view_args or {}).get("code", "")))
    return db.session.scalar(select(CafeSession).where(CafeSession.code == code))


def join_limit() -> str:
    session = _session_from_url()
    if session is None:
        per_minute = current_app.config["JOINS_PER_MINUTE"]
    else:
        per_minute = settings.of(session).joins_per_minute
    return f"{per_minute} per minute"


def join_key() -> str:
    code = normalise(str((request.view_args or {}).get("code", "")))
    return f"join:{client_ip()}:{code}"


def login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def login_key() -> str:
    username = (request.form.get("username") or "").strip().lower()[:80]
    return f"login:{client_ip()}:{username}"


def _switched_off() -> bool:
    return not current_app.config["RATELIMIT_ENABLED"]


def _failed(response) -> bool:
    return response.status_code == 401


def init_app(app) -> Limiter:
    limiter = Limiter(
        key_func=client_ip,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        strategy="moving-window",
        headers_enabled=True,
    )
    limiter.init_app(app)
    app.extensions["cafe_limiter"] = limiter
    for endpoint in JOIN_ENDPOINTS:
        if endpoint in app.view_functions:
            # Shared: the join form and the JSON API count together.
            app.view_functions[endpoint] = limiter.shared_limit(
                join_limit, scope="join", key_func=join_key, methods=["POST"],
                exempt_when=_switched_off,
            )(app.view_functions[endpoint])
    if LOGIN_ENDPOINT in app.view_functions:
        # Only failed attempts count: a facilitator who logs in often is not slowed down.
        app.view_functions[LOGIN_ENDPOINT] = limiter.limit(
            login_limit, key_func=login_key, methods=["POST"], deduct_when=_failed,
            exempt_when=_switched_off,
        )(app.view_functions[LOGIN_ENDPOINT])
    app.register_error_handler(RateLimitExceeded, _too_many)
    return limiter


def _retry_after() -> int:
    limiter = current_app.extensions["cafe_limiter"]
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()))


def _too_many(_exc):
    retry_after = _retry_after()
    message = _(
        "Too many attempts. Please wait %(seconds)s seconds and try again.", seconds=retry_after
    )
    if request.path.startswith("/api/"):
        response = jsonify(ok=False, error="rate_limited", message=message,
                           retry_after=retry_after)
    else:
        response = current_app.make_response(
            render_template("security/rate_limited.html", message=message,
                            retry_after=retry_after)
        )
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response
