"""The facilitator console's live controls."""

from flask import current_app
from pydantic import Field

from cafe.core import Outcome
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle
from cafe.participants import services as participants
from cafe.sessions import services
from cafe.sessions.display import projector_display, set_projector_display
from cafe.sessions.models import CafeSession


class AssistedJoin(EventPayload):
    name: str | None = Field(default=None, max_length=80)
    role: str | None = Field(default=None, max_length=32)
    language: str | None = Field(default=None, max_length=8)


@handle("participant:add_assisted", AssistedJoin, views=("console",))
def add_assisted(conn, payload):
    """Someone without a phone: the facilitator (or a host) enters their input for them."""
    session = db.session.get(CafeSession, conn.session_id)
    participant, _token, changes = participants.join(
        session,
        name=payload.name,
        role=payload.role,
        language=payload.language,
        languages=current_app.config["LANGUAGES"],
        max_name=current_app.config["MAX_NAME_LENGTH"],
        assisted=True,
    )
    return Outcome(result={"participant": participant.public_dict()}, changes=changes)


class ActivityCommand(EventPayload):
    activity: int = Field(ge=1)


class OpenCommand(ActivityCommand):
    # Opening closes the other open activities unless the facilitator keeps them open.
    keep_open: bool = False


class StepCommand(EventPayload):
    keep_open: bool = False


class ProjectorDisplay(EventPayload):
    join_screen: bool | None = None
    join_strip: bool | None = None


@handle("activity:open", OpenCommand, views=("console",))
def open_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.set_status(activity, "open", keep_open=payload.keep_open))


@handle("activity:next", StepCommand, views=("console",))
def next_activity(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    activity, changes = services.step(session, +1, keep_open=payload.keep_open)
    return Outcome(result={"activity": activity.id}, changes=changes)


@handle("activity:previous", StepCommand, views=("console",))
def previous_activity(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    activity, changes = services.step(session, -1, keep_open=payload.keep_open)
    return Outcome(result={"activity": activity.id}, changes=changes)


@handle("activity:close", ActivityCommand, views=("console",))
def close_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.set_status(activity, "closed"))


@handle("activity:show", ActivityCommand, views=("console",))
def show_activity(conn, payload):
    activity = services.get_activity(conn.session_id, payload.activity)
    return Outcome(changes=services.show(activity))


@handle("session:end", EventPayload, views=("console",))
def end_session(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    return Outcome(result={"joins_open": False}, changes=services.end(session))


@handle("session:projector", ProjectorDisplay, views=("console",))
def projector(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    changes = set_projector_display(
        session, join_screen=payload.join_screen, join_strip=payload.join_strip
    )
    return Outcome(result={"projector": projector_display(session)}, changes=changes)
