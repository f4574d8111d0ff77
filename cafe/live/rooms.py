"""Socket.IO room names, in one place so every feature addresses the same rooms."""

VIEWS = ("phone", "projector", "console")


def session_room(session_id: int) -> str:
    return f"s{session_id}"


def view_room(session_id: int, view: str) -> str:
    return f"s{session_id}:{view}"


def participant_room(participant_id: int) -> str:
    return f"p{participant_id}"


def table_room(session_id: int, table_id: int) -> str:
    return f"s{session_id}:t{table_id}"


def user_room(session_id: int, facilitator_id: int) -> str:
    """Every connection a logged-in team member opened to a session (console, projector, an
    assisted participant's phone): ended together when their role changes."""
    return f"s{session_id}:u{facilitator_id}"
