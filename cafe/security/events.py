"""Socket events: a phone withdraws its contributions; the console sets the session's limits."""

from pydantic import Field

from cafe.core import Outcome
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle
from cafe.security import services
from cafe.sessions.models import CafeSession


@handle("me:withdraw", EventPayload, views=("phone",))
def withdraw(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    changes = services.withdraw_everything(session, conn.participant_id)
    return Outcome(result={"withdrawn": True}, changes=changes)


class SecurityChange(EventPayload):
    joins_per_minute: int | None = Field(default=None, ge=1)
    contributions_per_minute: int | None = Field(default=None, ge=1)
    events_per_minute_per_ip: int | None = Field(default=None, ge=1)
    retention_days: int | None = Field(default=None, ge=1)


@handle("session:security", SecurityChange, views=("console",))
def change_security(conn, payload):
    session = db.session.get(CafeSession, conn.session_id)
    values = payload.model_dump(exclude={"cid", "on_behalf"})
    new, changes = services.change_settings(session, values)
    return Outcome(result={"settings": new.model_dump()}, changes=changes)
