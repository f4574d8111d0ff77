"""Who is behind each Socket.IO connection of this process."""

from dataclasses import dataclass, field

from cafe.live.runtime import live


@dataclass
class Connection:
    sid: str
    session_id: int
    view: str  # phone | projector | console
    language: str
    participant_id: int | None = None
    facilitator_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def assisted_by(self) -> int | None:
        """The facilitator entering this input on behalf of an assisted participant, if any."""
        return self.extra.get("assisted_by")

    @property
    def actor(self) -> str:
        if self.participant_id is not None:
            return f"p{self.participant_id}"
        if self.facilitator_id is not None:
            return f"f{self.facilitator_id}"
        return f"x{self.sid}"


# The connections themselves live in the app's LiveRuntime (cafe.live.runtime).


def add(conn: Connection) -> None:
    live().connections[conn.sid] = conn


def remove(sid: str) -> Connection | None:
    return live().connections.pop(sid, None)


def get(sid: str) -> Connection | None:
    return live().connections.get(sid)


def online_participants(session_id: int) -> int:
    """Distinct participants connected to this process (a phone may have two tabs open)."""
    return len(
        {
            c.participant_id
            for c in live().connections.values()
            if c.session_id == session_id and c.participant_id is not None
        }
    )


def of_facilitator(session_id: int, facilitator_id: int) -> list[Connection]:
    """This process's console connections of one facilitator to one session."""
    return [c for c in live().connections.values()
            if c.session_id == session_id and c.facilitator_id == facilitator_id
            and c.view == "console"]
