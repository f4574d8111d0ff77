"""A phone without JavaScript: a card, a dot vote and a statement vote sent with plain forms.

Each form posts to /s/<code>/plain/<event> with a hidden cid; the event goes through the same
pipeline as a socket event (validation, guards and limits, idempotency, one commit with its log
line, then the broadcast, so the projector shows it), and the phone is sent back to its page with
the answer as a flash message. The forms themselves are in templates/phone/_plain.html, inside
<noscript>, so a phone with JavaScript never sees them."""

import uuid

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from cafe.activities import registry
from cafe.domain.texts import localized
from cafe.extensions import db
from cafe.live.connections import Connection
from cafe.live.handlers import send_without_socket
from cafe.participants import services
from cafe.sessions.codes import normalise
from cafe.sessions.models import Activity, CafeSession

bp = Blueprint("plain", __name__)


def _card(form, activity: int) -> dict:
    return {"activity": activity, "type": form.get("type", ""), "text": form.get("text", ""),
            "block": form.get("block") or None}


def _dots(form, activity: int) -> dict:
    allocation = {}
    for name, value in form.items():
        if name.startswith("dots-"):
            try:
                allocation[int(name[5:])] = int(value or 0)
            except ValueError:
                allocation[name[5:]] = value  # the payload's validation says what is wrong
    return {"activity": activity, "allocation": allocation}


def _statement(form, activity: int) -> dict:
    return {"activity": activity, "statement": form.get("statement", ""),
            "vote": form.get("vote", "")}


# The events a plain form may send, and how each reads its fields.
FORMS = {"card:add": _card, "vote:cast": _dots, "statements:vote": _statement}


@bp.post("/s/<code>/plain/<event>")
def send(code: str, event: str):
    read = FORMS.get(event)
    session = db.session.scalar(select(CafeSession).where(CafeSession.code == normalise(code)))
    if read is None or session is None:
        abort(404)
    participant = services.participant_for_token(
        session.id, services.token_from_request(request, session.code))
    if participant is None:
        return redirect(url_for("participants.join", code=session.code))
    try:
        activity = int(request.form.get("activity", ""))
    except ValueError:
        activity = 0
    data = {"cid": request.form.get("cid", ""), **read(request.form, activity)}
    conn = Connection(sid=f"plain-{uuid.uuid4().hex}", session_id=session.id, view="phone",
                      language=participant.language, participant_id=participant.id)
    ack = send_without_socket(conn, event, data)
    if ack.get("ok"):
        flash(_("Saved"), "success")
    else:
        flash(ack.get("message") or _("Not saved. Please try again."), "error")
    return redirect(url_for("participants.phone", code=session.code))


def current(session, participant) -> dict | None:
    """What the phone page's plain forms need: the current activity, its phone view and the
    participant's own view, and a fresh cid; None when nothing is open or the kind has none."""
    activity = session.current_activity_id and db.session.get(Activity, session.current_activity_id)
    if not activity or activity.kind not in ("board", "vote", "statements"):
        return None
    kind = registry.get(activity.kind)
    language, fallback = participant.language, session.language
    return {"activity": activity, "kind": activity.kind, "view": kind.view(activity, "phone"),
            "title": localized(activity.text("title"), language, fallback),
            "prompt": localized(activity.text("prompt"), language, fallback),
            "mine": kind.private_view(activity, participant.id),
            "cid": f"plain-{uuid.uuid4().hex}"}
