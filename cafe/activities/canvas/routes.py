"""A clean printable page per canvas, for the browser's print (owner login)."""

from flask import abort, render_template, request
from flask_babel import get_locale
from flask_login import login_required

from cafe.activities.canvas import kind, templates
from cafe.activities.canvas.queries import canvases, template_of
from cafe.activities.canvas.views import sheets
from cafe.activities.registry import kind_blueprint
from cafe.live.errors import Refusal
from cafe.sessions.routes import owned_session

bp = kind_blueprint(__name__)


@bp.get("/console/sessions/<int:session_id>/canvas/<int:activity_id>/print")
@login_required
def print_page(session_id: int, activity_id: int):
    session = owned_session(session_id, "console")
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
