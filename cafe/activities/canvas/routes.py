"""A clean printable page per canvas, for the browser's print (owner or co-facilitator)."""

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale
from flask_login import login_required

from cafe.activities.canvas import templates
from cafe.activities.canvas.services import canvases, template_of
from cafe.activities.canvas.views import sheets
from cafe.extensions import db
from cafe.live.errors import Refusal
from cafe.sessions.models import Activity
from cafe.team.unit import console_action

bp = Blueprint("canvas", __name__)


@bp.get("/console/sessions/<int:session_id>/canvas/<int:activity_id>/print")
@login_required
@console_action("run")  # owner and co-facilitators, as the rest of running the session
def print_page(session, activity_id: int):
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.session_id != session.id or activity.kind != "canvas":
        abort(404)
    try:
        template = template_of(activity)
    except Refusal:
        abort(404)
    wanted = request.args.get("canvas", type=int)
    chosen = [c for c in canvases(activity) if wanted is None or c.id == wanted]
    if wanted is not None and not chosen:
        abort(404)
    language = str(get_locale() or session.language)

    def text(texts: dict) -> str:
        return templates.text_in(texts, language)

    return render_template(
        "canvas/print.html",
        session=session,
        activity=activity,
        template=template,
        sheets=sheets(activity, only=chosen),
        text=text,
    )
