import io

import qrcode
import qrcode.image.svg
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select, text

from cafe import __version__
from cafe.extensions import db
from cafe.participants import services as participants
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.web import display
from cafe.web.glossary import TERMS
from cafe.web.safety import safe_next_url
from cafe.web.urls import join_url

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/glossary")
def glossary():
    return render_template("glossary.html", terms=TERMS)


@bp.get("/accessibility")
@bp.get("/j/<code>/accessibility")
def accessibility(code: str | None = None):
    """The accessibility statement: what was tested, what is known not to work, whom to tell.
    Under a session's address it speaks its participant's language and names the session."""
    session = db.session.scalar(
        select(CafeSession).where(CafeSession.code == normalise(code))) if code else None
    if code and session is None:
        return render_template("phone/unknown.html", code=code[:12]), 404
    participant = session and participants.participant_for_token(
        session.id, participants.token_from_request(request, session.code))
    asked = request.args.get("lang")
    if asked not in current_app.config["LANGUAGES"] and participant:
        g.cafe_locale = participant.language
    return render_template("phone/accessibility.html", session=session, participant=participant)


@bp.post("/display")
def display_choice():
    """The footer's text size and contrast form, for a page without scripts (the join page
    carries none; display.js applies a choice at once elsewhere): the cookie, then back to the
    page it was sent from, on this site only."""
    response = redirect(safe_next_url(request.form.get("next")) or url_for("web.home"), 303)
    display.set_cookie(response, request.form.getlist("display"))
    return response


@bp.post("/join")
def join_by_code():
    code = normalise(request.form.get("code", ""))
    return redirect(url_for("participants.join", code=code or "-"))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # report, don't raise: this is what monitoring reads
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database,
                   version=__version__), status


@bp.get("/qr/<code>.svg")
def qr_svg(code: str):
    session = db.session.scalar(select(CafeSession).where(CafeSession.code == normalise(code)))
    if session is None:
        abort(404)
    image = qrcode.make(
        join_url(session.code),
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=2,
    )
    out = io.BytesIO()
    image.save(out)
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
