"""Socket events of a participant's own (what they contributed, for the closing screen), and
the console entering input for an assisted participant (registered on the live pipeline)."""

from dataclasses import replace

from cafe.core import Outcome, forbidden
from cafe.extensions import db
from cafe.live.connections import Connection
from cafe.live.handlers import EventPayload, handle
from cafe.participants import recap
from cafe.participants.models import Participant


@handle("me:recap", EventPayload, views=("phone",))
def my_recap(conn, payload):
    return Outcome(result={"counts": recap.contributions(conn.session_id, conn.participant_id)})


def acting_for(sender: Connection, participant_id: int) -> Connection:
    """The console acts as an assisted participant of its own session, marked as such."""
    participant = db.session.get(Participant, participant_id)
    if (
        sender.view != "console"
        or participant is None
        or participant.session_id != sender.session_id
        or not participant.assisted
    ):
        raise forbidden()
    return replace(
        sender,
        view="phone",
        participant_id=participant.id,
        extra={**sender.extra, "assisted_by": sender.facilitator_id},
    )
