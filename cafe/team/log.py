"""The session's action log, written where console actions pass: the event pipeline for Socket.IO
(cafe.live.handlers) and, for HTTP, the permission check every console route calls
(permissions.session_for) together with one after-request hook. Nothing else records.
"""

from flask import g, request
from flask import session as cookie_session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
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
    "sessions.add_assisted": _l("added someone without a phone"),
    "team.index": _l("added a team member"),
    "team.remove_member": _l("removed a team member"),
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


def record_event(conn, event: str, payload: BaseModel) -> None:
    """A console's Socket.IO event, about to be committed with its changes."""
    if conn.view != "console" or conn.facilitator_id is None:
        return
    target = payload.model_dump(exclude={"cid"}, exclude_none=True)
    record(conn.session_id, conn.facilitator_id, event, target, conn.extra.get("username"))


def note_request(session, action: str) -> None:
    """Remember which session this request acts on; after_request logs it if it changed it."""
    g.console_request = (session.id, action)


def _failed() -> bool:
    return any(category == "error" for category, _m in cookie_session.get("_flashes", []))


def after_request(response):
    noted = g.pop("console_request", None)
    if (
        noted is None
        or request.method in ("GET", "HEAD", "OPTIONS")
        or response.status_code >= 400
        or _failed()
        or not current_user.is_authenticated
    ):
        return response
    session_id, action = noted
    if action == "delete":
        return response  # the log went with the session
    from cafe.sessions.models import CafeSession

    if db.session.get(CafeSession, session_id) is None:
        return response
    target = {k: v for k, v in (request.view_args or {}).items() if k != "session_id"}
    record(session_id, current_user.id, request.endpoint or "?", target, current_user.username)
    db.session.commit()
    return response


def entries(session_id: int, limit: int = 500) -> list[ConsoleAction]:
    return list(
        db.session.scalars(
            select(ConsoleAction)
            .where(ConsoleAction.session_id == session_id)
            .order_by(ConsoleAction.id.desc())
            .limit(limit)
        )
    )
