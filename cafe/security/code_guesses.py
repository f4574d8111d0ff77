"""Guessing join codes: every lookup of an unknown code counts against the address, across
all codes and every way in (the join page and form, the API, the QR image, the projector and
phone pages, the live connection). Over the limit, the address gets 429 for every code, so a
guesser cannot tell a hit from the refusal. The per-code join limit gave each guess a fresh
budget: 400 random codes cost nothing.
"""

from flask import current_app, request
from limits import parse

from cafe.security.addresses import client_ip
from cafe.security.http_limits import _too_many

NAMESPACE = "unknown-code"


def _limit():
    return parse(current_app.config["UNKNOWN_CODE_LIMIT"])


def _strategy():
    limiter = current_app.extensions.get("cafe_limiter")
    return None if limiter is None else limiter.limiter


def _on() -> bool:
    return current_app.config["RATELIMIT_ENABLED"] and _strategy() is not None


def blocked(address: str | None = None) -> bool:
    """True when this address guessed too many unknown codes lately."""
    if not _on():
        return False
    return not _strategy().test(_limit(), NAMESPACE, address or client_ip())


def missed(address: str | None = None) -> None:
    """Count one lookup of a code that does not exist."""
    if _on():
        _strategy().hit(_limit(), NAMESPACE, address or client_ip())


def _looks_up_a_code() -> bool:
    return "code" in (request.view_args or {})


def init_app(app) -> None:
    @app.before_request
    def _refuse_guessers():
        if _looks_up_a_code() and blocked():
            return _too_many(None)
        return None

    @app.after_request
    def _count_misses(response):
        if _looks_up_a_code() and response.status_code == 404:
            missed()
        return response
