"""The facilitator console's live controls."""

from pydantic import Field

from cafe.live.changes import Outcome
from cafe.live.handlers import EventPayload, handle
from cafe.sessions import services


class ActivityCommand(EventPayload):
    activity: int = Field(ge=1)


@handle("activity:open", ActivityCommand, views=("console",))
def open_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.set_status(activity, "open"))


@handle("activity:close", ActivityCommand, views=("console",))
def close_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.set_status(activity, "closed"))


@handle("activity:show", ActivityCommand, views=("console",))
def show_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.show(activity))
