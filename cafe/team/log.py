"""The session's action log, written where console actions pass, in the same transaction as the
change: the event pipeline for Socket.IO (cafe.live.handlers) and, for HTTP, the unit of work
every console route runs in (cafe.team.unit). Nothing else records.
"""

from flask_babel import lazy_gettext as _l
from pydantic import BaseModel
from sqlalchemy import select

from cafe.auth.models import Facilitator
from cafe.extensions import db
from cafe.team.models import ConsoleAction

MAX_TEXT = 120
# Readable names for the actions a facilitator recognises; others show their event name.
LABELS = {
    "activity:open": _l("opened an activity"),
    "activity:close": _l("closed an activity"),
    "activity:show": _l("showed an activity"),
    "activity:next": _l("went to the next activity"),
    "activity:previous": _l("went back to the previous activity"),
    "session:projector": _l("changed the join screen or strip on the projector"),
    "card:add": _l("added a card"),
    "card:hide": _l("hid a card"),
    "card:show": _l("showed or approved a card"),
    "card:edit": _l("edited a card"),
    "card:merge": _l("merged cards"),
    "card:theme": _l("put a card in a theme"),
    "theme:add": _l("added a theme"),
    "theme:rename": _l("renamed a theme"),
    "theme:delete": _l("deleted a theme"),
    "canvas:edit": _l("edited a canvas item"),
    "canvas:delete": _l("deleted a canvas item"),
    "worldcafe:harvest_remove": _l("removed a harvest item"),
    "statements:moderate": _l("moderated a statement"),
    "vote:reveal": _l("revealed the vote results"),
    "session:security": _l("changed the privacy settings"),
    "security.console_settings": _l("changed the privacy settings"),
    "editor.title": _l("changed the session title"),
    "neighbourhoods.export_session": _l("exported results to the neighbourhood analysis"),
    "sessions.add_assisted": _l("added someone without a phone"),
    "team.index": _l("added a team member"),
    "team.remove_member": _l("removed a team member"),
    "team.invite_member": _l("invited someone to the team"),
    "team.withdraw_invitation": _l("withdrew a team invitation"),
    "team.accept": _l("joined the team by invitation"),
    "team.renew_projector_key": _l("made a new projector link"),
    "library.save_session": _l("saved the agenda as a plan"),
    "editor.new": _l("added an activity"),
    "editor.edit": _l("edited an activity"),
    "editor.move": _l("moved an activity"),
    "editor.duplicate": _l("duplicated an activity"),
    "editor.delete": _l("deleted an activity"),
    "editor.languages": _l("changed the content languages"),
    "editor.copy_session": _l("copied the agenda into a new session"),
}


def label(action: str) -> str:
    return str(LABELS.get(action, action))


def _short(value):
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
    if isinstance(value, list):
        return [_short(v) for v in value[:20]]
    if isinstance(value, dict):
        return {str(k): _short(v) for k, v in list(value.items())[:20]}
    return value


def record(session_id: int, user_id: int, action: str, target: dict,
           username: str | None = None) -> ConsoleAction:
    """Add one line to the log, in the caller's transaction."""
    if username is None:
        username = db.session.scalar(
            select(Facilitator.username).where(Facilitator.id == user_id))
    entry = ConsoleAction(
        session_id=session_id, facilitator_id=user_id, username=username or "?",
        action=action, target=_short(target),
    )
    db.session.add(entry)
    return entry


def which(values: dict) -> dict:
    """Which items an action touched: their ids and numbers, never text. What a participant
    wrote or is called never enters the log (a withdrawn card must leave no trace here)."""
    def plain(value):
        return isinstance(value, int | float | bool)

    return {str(key): value for key, value in values.items()
            if plain(value) or (isinstance(value, list) and value and all(map(plain, value)))}


def record_event(conn, event: str, payload: BaseModel) -> None:
    """A console's Socket.IO event, about to be committed with its changes."""
    if conn.view != "console" or conn.facilitator_id is None:
        return
    record(conn.session_id, conn.facilitator_id, event, which(payload.model_dump(exclude={"cid"})),
           conn.extra.get("username"))


def entries(session_id: int, limit: int = 500) -> list[ConsoleAction]:
    return list(
        db.session.scalars(
            select(ConsoleAction)
            .where(ConsoleAction.session_id == session_id)
            .order_by(ConsoleAction.id.desc())
            .limit(limit)
        )
    )
