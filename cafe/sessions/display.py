"""What the projector shows around the activity, kept in the session's settings JSON.

`join_screen`: the full-screen join page (QR code and code) instead of the activity.
`join_strip`: the compact join line along the bottom while an activity is shown.
Without an activity on the projector the join screen shows whatever these say."""

from sqlalchemy.orm.attributes import flag_modified

from cafe.core import Changes
from cafe.sessions.models import CafeSession

KEY = "projector"
DEFAULTS = {"join_screen": False, "join_strip": True}


def projector_display(session: CafeSession) -> dict:
    stored = (session.settings or {}).get(KEY) or {}
    return {name: bool(stored.get(name, default)) for name, default in DEFAULTS.items()}


def set_projector_display(session: CafeSession, **changes: bool | None) -> Changes:
    current = projector_display(session)
    current.update({k: bool(v) for k, v in changes.items() if k in DEFAULTS and v is not None})
    session.settings = {**(session.settings or {}), KEY: current}
    flag_modified(session, "settings")
    # The session header carries the display, so an agenda broadcast reaches every screen.
    return Changes(session.id, agenda=True)
