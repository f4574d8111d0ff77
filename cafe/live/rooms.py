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
