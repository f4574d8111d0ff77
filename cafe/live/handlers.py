"""The one path every client event takes: validate, apply once, commit, then broadcast.

Features plug in through the app's LiveRuntime: guards (who may send it, rate limits), recorders
(the action log, in the same commit) and who a console acts for (see cafe/live/runtime.py).
"""

from flask import current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy.exc import OperationalError

from cafe.core import Outcome, Refusal, forbidden
from cafe.domain.control_chars import clean_deep
from cafe.extensions import db, socketio
from cafe.live import collector, connections
from cafe.live.broadcast import publish
from cafe.live.idempotency import previous_result, record_and_commit
from cafe.live.runtime import live


class EventPayload(BaseModel):
    """Every client event carries a client-generated id, so a retry is applied once."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    cid: str = Field(min_length=6, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    # A facilitator entering input for an assisted participant (someone without a phone).
    on_behalf: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _numbers_fit_the_database(self):
        """Ids beyond a 32-bit integer cannot exist and would crash the database driver."""
        for name in type(self).model_fields:
            if _too_big(getattr(self, name)):
                raise Refusal(
                    "invalid", _l("This value is out of range: %(field)s.", field=name),
                    field=name,
                )
        return self


# Every event declared with handle(): name -> (payload model, views). Lets the security tests
# walk all events, including those of kinds added later.
EVENTS: dict[str, tuple[type[EventPayload], tuple[str, ...]]] = {}
# Every event's handler, for events that also arrive by plain HTML form (a phone without
# JavaScript, cafe.participants.plain): name -> (payload model, views, fn, replays_at_commit).
HANDLERS: dict[str, tuple] = {}


MAX_INT = 2**31 - 1


def _too_big(value, depth=0) -> bool:
    if isinstance(value, bool) or depth > 20:
        return False
    if isinstance(value, int):
        return abs(value) > MAX_INT
    if isinstance(value, dict):
        return any(_too_big(k, depth + 1) or _too_big(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return any(_too_big(v, depth + 1) for v in value)
    if isinstance(value, BaseModel):
        return any(_too_big(getattr(value, n), depth + 1) for n in type(value).model_fields)
    return False


def handle(event: str, payload_model: type[EventPayload] = EventPayload, views=("phone",),
           replays_at_commit: bool = False):
    """Register fn(conn, payload) -> Outcome as the handler of a Socket.IO event.

    replays_at_commit: the handler's only effects are in the database transaction, so a
    replayed event may run it and be caught by the commit (the event id is unique), instead of
    costing every event a lookup first. For the busiest phone events (a ballot on PostgreSQL
    is a handful of round trips; this was one of them)."""

    def decorator(fn):
        EVENTS[event] = (payload_model, tuple(views))
        HANDLERS[event] = (payload_model, tuple(views), fn, replays_at_commit)
        def handler(data=None):
            return dispatch(event, payload_model, views, fn, data, replays_at_commit)

        socketio.on_event(event, handler)
        return fn

    return decorator


def dispatch(event, payload_model, views, fn, data, replays_at_commit=False) -> dict:
    collector.busy()
    conn = connections.get(request.sid)
    if conn is None:
        return {"ok": False, "error": "not_connected", "message": _("Please reload the page.")}
    return run(conn, event, payload_model, views, fn, data, replays_at_commit)


def send_without_socket(conn, event: str, data) -> dict:
    """An event from a plain HTML form (a phone without JavaScript): the same validation,
    guards, limits, idempotency (the form's hidden cid), commit and broadcast as the socket
    path; returns the ack the socket would have answered."""
    payload_model, views, fn, replays_at_commit = HANDLERS[event]
    return run(conn, event, payload_model, views, fn, data, replays_at_commit)


def run(conn, event, payload_model, views, fn, data, replays_at_commit=False) -> dict:
    with force_locale(conn.language):
        try:
            return _apply(conn, event, payload_model, views, fn, data, replays_at_commit)
        except Refusal as refusal:
            db.session.rollback()
            if replays_at_commit:
                # A replay the handler refused now (the vote has closed since): the answer
                # it got the first time still stands.
                earlier = _earlier(conn, data)
                if earlier is not None:
                    return {**earlier, "replayed": True}
            return refusal.ack()
        except OperationalError:
            # A locked or unreachable database: nothing was stored, the client may retry.
            db.session.rollback()
            current_app.logger.warning("database unavailable during %s", event)
            return {
                "ok": False,
                "error": "busy",
                "retry": True,
                "message": _("The server is busy. Your input was not saved yet; trying again."),
            }


def _earlier(conn, data) -> dict | None:
    cid = data.get("cid") if isinstance(data, dict) else None
    if not isinstance(cid, str) or not cid:
        return None
    return previous_result(conn.actor, cid)


def _apply(conn, event, payload_model, views, fn, data, replays_at_commit=False) -> dict:
    if not isinstance(data, dict):
        raise Refusal("bad_request", _l("The request was not understood."))
    data = clean_deep(data)  # no control characters; invisible-only text counts as empty
    try:
        payload = payload_model.model_validate(data)
    except ValidationError as exc:
        raise invalid(exc) from None
    actor = conn.actor
    sender = conn
    runtime = live()
    if payload.on_behalf is not None:
        if sender.view != "console" or runtime.acting_for is None:
            raise forbidden()
        conn = runtime.acting_for(sender, payload.on_behalf)
    if conn.view not in views:
        raise forbidden()
    if not replays_at_commit:
        earlier = previous_result(actor, payload.cid)
        if earlier is not None:
            return {**earlier, "replayed": True}
    # Asked on every event, not at connect only: a removed team member stops at once.
    for guard in runtime.guards:
        guard(conn, event, payload, sender)
    outcome = fn(conn, payload) or Outcome()
    # The log line is committed with the changes it describes, or not at all.
    for recorder in runtime.recorders:
        recorder(sender, event, payload)
    result = record_and_commit(
        conn.session_id, actor, payload.cid, event, {"ok": True, **outcome.result}
    )
    if not result.get("replayed"):
        activity = getattr(payload, "activity", None)
        answered = None
        sid = getattr(request, "sid", None)  # None for a plain form: every device gets `mine`
        if (sid and "mine" in outcome.result and conn.participant_id
                and isinstance(activity, int)):
            answered = (sid, conn.participant_id, activity, outcome.result["mine"])
        publish(outcome.changes, answered)
    return result


def invalid(exc: ValidationError) -> Refusal:
    """A user-facing message for the first problem pydantic found."""
    err = exc.errors()[0]
    field = ".".join(str(part) for part in err["loc"]) or "?"
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        message = _("Something is missing: %(field)s.", field=field)
    elif kind == "string_too_long":
        message = _(
            "This text is too long (at most %(max)s characters).", max=ctx.get("max_length")
        )
    elif kind == "string_too_short":
        message = _("Please write something first.")
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = _("This value is out of range: %(field)s.", field=field)
    else:
        message = _("This value is not valid: %(field)s.", field=field)
    return Refusal("invalid", message, field=field)
