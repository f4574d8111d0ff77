"""A session's own limits and retention period, kept in its settings JSON (no schema change).

The installation's configuration gives the defaults; a facilitator raises the limits for a large
room (many phones behind one address) or shortens the retention period.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm.attributes import flag_modified

from cafe.caches import caches
from cafe.core import Refusal
from cafe.domain.retention import MAX_DAYS, MIN_DAYS

KEY = "security"


def limits_cache():
    """This app's session limits as last read: session id -> (read at, settings); throttle.py."""
    return caches().get("security.session_limits", 1024)


MAX_PER_MINUTE = 10_000


class SecuritySettings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    joins_per_minute: int = Field(ge=1, le=MAX_PER_MINUTE)
    contributions_per_minute: int = Field(ge=1, le=MAX_PER_MINUTE)
    events_per_minute_per_ip: int = Field(ge=1, le=MAX_PER_MINUTE * 10)
    retention_days: int = Field(ge=MIN_DAYS, le=MAX_DAYS)
    # The facilitator closes the door once everyone is in: no more joins, however the code
    # got out (a photo of the projector, a guess).
    joins_open: bool = True


def defaults() -> dict:
    config = current_app.config
    return {
        "joins_per_minute": config["JOINS_PER_MINUTE"],
        "contributions_per_minute": config["CONTRIBUTIONS_PER_MINUTE"],
        "events_per_minute_per_ip": config["EVENTS_PER_MINUTE_PER_IP"],
        "retention_days": config["RETENTION_DAYS"],
        "joins_open": True,
    }


def of(session) -> SecuritySettings:
    """The session's settings, falling back to the configured defaults for anything not set or
    not valid. The defaults are the administrator's and are taken as they are."""
    stored = (session.settings or {}).get(KEY) or {}
    merged = defaults()
    if isinstance(stored, dict):
        for key, value in stored.items():
            if key in merged and _valid(key, value):
                merged[key] = value
    return SecuritySettings.model_construct(**merged)


def _valid(key: str, value) -> bool:
    try:
        SecuritySettings.model_validate({**_LOWEST, key: value})
    except ValidationError:
        return False
    return True


_LOWEST = dict.fromkeys(SecuritySettings.model_fields, 1)


def update(session, changes: dict) -> SecuritySettings:
    """Store the facilitator's changes; refuses values out of range. Flushes, never commits."""
    for field, value in changes.items():
        if field not in SecuritySettings.model_fields or not _valid(field, value):
            raise Refusal(
                "invalid", _l("This value is out of range: %(field)s.", field=field), field=field
            )
    stored = (session.settings or {}).get(KEY)
    stored = stored if isinstance(stored, dict) else {}
    session.settings = {**(session.settings or {}), KEY: {**stored, **changes}}
    flag_modified(session, "settings")
    limits_cache().pop(session.id, None)  # other processes: in seconds
    return of(session)
