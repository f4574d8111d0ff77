"""Rate limits on Socket.IO events, which Flask-Limiter does not see (no request per event).

Uses Flask-Limiter's backend, `limits`, directly: a moving window per participant and per client
address, in memory or in Redis (RATELIMIT_STORAGE_URI) when several processes serve a room.
Only phone input is limited; the console and projector belong to the facilitator.
"""

import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from cafe.core import Refusal
from cafe.extensions import db
from cafe.security import settings
from cafe.security.addresses import client_ip
from cafe.sessions.models import CafeSession

# A session's limits are read for every phone event; they change rarely (the facilitator raises
# them for a large room), so each process keeps them this long: one query fewer per event.
LIMITS_SECONDS = 2.0


def init_app(app) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["cafe_event_limiter"] = MovingWindowRateLimiter(storage)


def _limits(session_id: int):
    cache = settings.limits_cache()
    now = time.monotonic()
    kept = cache.get(session_id)
    if kept is not None and now - kept[0] < LIMITS_SECONDS:
        return kept[1]
    own = settings.of(db.session.get(CafeSession, session_id))
    cache[session_id] = (now, own)
    return own


def guard(conn, event: str, payload, _sender=None) -> None:
    """Refuse an event over the participant's or the address's limit (nothing is stored).
    A guard of the live pipeline (cafe.security.feature registers it)."""
    if conn.view != "phone" or not current_app.config["RATELIMIT_ENABLED"]:
        return
    limiter = current_app.extensions.get("cafe_event_limiter")
    if limiter is None:
        return
    own = _limits(conn.session_id)
    checks = [(RateLimitItemPerMinute(own.contributions_per_minute), f"p{conn.participant_id}")]
    # Input a facilitator enters for assisted participants comes from the console's address;
    # it is limited per participant only.
    if not conn.assisted_by:
        checks.append(
            (RateLimitItemPerMinute(own.events_per_minute_per_ip), f"ip:{client_ip()}")
        )
    for item, who in checks:
        key = ("events", str(conn.session_id), who)
        if not limiter.hit(item, *key):
            raise Refusal(
                "rate_limited",
                _l("You are sending very fast. Please wait a moment and try again."),
                retry_after=_retry_after(limiter, item, key),
            )


def _retry_after(limiter, item, key) -> int:
    stats = limiter.get_window_stats(item, *key)
    return max(1, int(stats.reset_time - time.time()) + 1)
