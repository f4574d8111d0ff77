"""Socket events of a canvas: items from phones (or the console for someone without a phone),
edits and moves with version numbers, links, votes, and the console's lock and projector."""

from flask_babel import lazy_gettext as _l
from pydantic import Field

from cafe.activities.canvas import kind, services
from cafe.activities.canvas.models import Canvas, CanvasItem, CanvasLink
from cafe.activities.canvas.views import private_view
from cafe.core import Outcome, Refusal, forbidden
from cafe.extensions import db
from cafe.live.handlers import EventPayload, handle

# Generous: the canvas's own max_length gives the precise, translated refusal.
_TEXT = Field(max_length=2000)
_KEY = Field(max_length=40)


class ItemAdd(EventPayload):
    canvas: int = Field(ge=1)
    field: str = _KEY
    configuration: str | None = Field(default=None, max_length=40)
    text: str = _TEXT


class ItemRef(EventPayload):
    item: int = Field(ge=1)


class ItemEdit(ItemRef):
    version: int = Field(ge=1)
    text: str = _TEXT


class ItemMove(ItemRef):
    version: int = Field(ge=1)
    field: str = _KEY
    configuration: str | None = Field(default=None, max_length=40)


class ItemLink(EventPayload):
    source: int = Field(ge=1)
    target: int = Field(ge=1)


class LinkRef(EventPayload):
    link: int = Field(ge=1)


class ItemVote(ItemRef):
    support: bool = True


class CanvasLock(EventPayload):
    canvas: int = Field(ge=1)
    locked: bool


class CanvasRef(EventPayload):
    canvas: int = Field(ge=1)


def _participant(conn) -> int | None:
    """None: the facilitator's console, which moderates; else the phone (or assisted) person."""
    return conn.participant_id if conn.view == "phone" else None


def get_canvas(session_id: int, canvas_id: int) -> Canvas:
    """The canvas (or item, or link) a client names, only if it is in the client's session."""
    canvas = db.session.get(Canvas, canvas_id)
    if canvas is None or canvas.session_id != session_id:
        raise Refusal("not_found", _l("This canvas does not exist."))
    kind.get(session_id, canvas.activity_id)
    return canvas


def get_item(session_id: int, item_id: int) -> CanvasItem:
    item = db.session.get(CanvasItem, item_id)
    if item is None or item.session_id != session_id:
        raise Refusal("not_found", _l("This item no longer exists."))
    get_canvas(session_id, item.canvas_id)
    return item


def get_link(session_id: int, link_id: int) -> CanvasLink:
    link = db.session.get(CanvasLink, link_id)
    if link is None:
        raise Refusal("not_found", _l("This link no longer exists."))
    try:
        get_canvas(session_id, link.canvas_id)
    except Refusal:
        raise Refusal("not_found", _l("This link no longer exists.")) from None
    return link


def _entered_by(conn) -> str:
    if conn.view == "console":
        return "facilitator"
    return "assisted" if conn.assisted_by else "participant"


def _with_mine(conn, activity_id: int, result: dict) -> dict:
    who = _participant(conn)
    if who is not None:
        activity = kind.get(conn.session_id, activity_id)
        result["mine"] = private_view(activity, who)
    return result


@handle("canvas:add", ItemAdd, views=("phone", "console"))
def add(conn, payload):
    canvas = get_canvas(conn.session_id, payload.canvas)
    item, changes = services.add_item(
        canvas, _participant(conn), payload.field, payload.configuration, payload.text,
        _entered_by(conn),
    )
    result = _with_mine(conn, canvas.activity_id, {"item": services.item_row(item)})
    return Outcome(result=result, changes=changes)


@handle("canvas:edit", ItemEdit, views=("phone", "console"))
def edit(conn, payload):
    item = get_item(conn.session_id, payload.item)
    changes = services.edit_item(item, payload.version, payload.text,
                                 by_phone=_participant(conn) is not None)
    return Outcome(result={"item": services.item_row(item)}, changes=changes)


@handle("canvas:move", ItemMove, views=("phone", "console"))
def move(conn, payload):
    item = get_item(conn.session_id, payload.item)
    changes = services.move_item(item, payload.version, payload.field, payload.configuration,
                                 by_phone=_participant(conn) is not None)
    return Outcome(result={"item": services.item_row(item)}, changes=changes)


@handle("canvas:delete", ItemRef, views=("phone", "console"))
def delete(conn, payload):
    item = get_item(conn.session_id, payload.item)
    canvas = get_canvas(conn.session_id, item.canvas_id)
    changes = services.delete_item(item, _participant(conn))
    return Outcome(result=_with_mine(conn, canvas.activity_id, {}), changes=changes)


@handle("canvas:link", ItemLink, views=("phone", "console"))
def link(conn, payload):
    source = get_item(conn.session_id, payload.source)
    target = get_item(conn.session_id, payload.target)
    made, changes = services.link(source, target, _participant(conn))
    canvas = get_canvas(conn.session_id, made.canvas_id)
    return Outcome(result=_with_mine(conn, canvas.activity_id, {"link": made.id}),
                   changes=changes)


@handle("canvas:unlink", LinkRef, views=("phone", "console"))
def unlink(conn, payload):
    made = get_link(conn.session_id, payload.link)
    canvas = get_canvas(conn.session_id, made.canvas_id)
    changes = services.unlink(made, _participant(conn))
    return Outcome(result=_with_mine(conn, canvas.activity_id, {}), changes=changes)


@handle("canvas:vote", ItemVote, views=("phone", "console"))
def vote(conn, payload):
    """A participant's support; the console only on behalf of an assisted participant."""
    who = _participant(conn)
    if who is None:
        raise forbidden()
    item = get_item(conn.session_id, payload.item)
    canvas = get_canvas(conn.session_id, item.canvas_id)
    changes = services.vote(item, who, payload.support)
    return Outcome(result=_with_mine(conn, canvas.activity_id, {}), changes=changes)


@handle("canvas:lock", CanvasLock, views=("console",))
def lock(conn, payload):
    canvas = get_canvas(conn.session_id, payload.canvas)
    return Outcome(result={"locked": payload.locked},
                   changes=services.set_locked(canvas, payload.locked))


@handle("canvas:project", CanvasRef, views=("console",))
def project(conn, payload):
    canvas = get_canvas(conn.session_id, payload.canvas)
    return Outcome(changes=services.project(canvas))
