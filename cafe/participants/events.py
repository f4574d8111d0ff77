"""Socket events of a participant's own: what they contributed, for the closing screen."""

from cafe.live.changes import Outcome
from cafe.live.handlers import EventPayload, handle
from cafe.participants import recap


@handle("me:recap", EventPayload, views=("phone",))
def my_recap(conn, payload):
    return Outcome(result={"counts": recap.contributions(conn.session_id, conn.participant_id)})
