"""A clean printable page per canvas, for the browser's print (owner or co-facilitator)."""

from flask import abort, render_template, request
from flask_babel import get_locale
from flask_login import login_required

from cafe.activities.canvas import kind, templates
from cafe.activities.canvas.queries import canvases, template_of
from cafe.activities.canvas.views import sheets
from cafe.activities.registry import kind_blueprint
from cafe.core import Refusal
from cafe.team.unit import console_action

bp = kind_blueprint(__name__)


@bp.get("/console/sessions/<int:session_id>/canvas/<int:activity_id>/print")
@login_required
@console_action("run")  # owner and co-facilitators, as the rest of running the session
def print_page(session, activity_id: int):
    try:
        activity = kind.get(session.id, activity_id)
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
