"""Pages: the privacy notice for participants, withdrawing input without JavaScript, and the
console's limits and retention settings."""

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from cafe.core import Refusal
from cafe.domain.retention import expires_at
from cafe.extensions import db
from cafe.live.broadcast import publish
from cafe.participants import services as participants
from cafe.participants.routes import session_by_code
from cafe.security import services, settings
from cafe.team.unit import console_action, unit

bp = Blueprint("security", __name__)

FIELDS = ("joins_per_minute", "contributions_per_minute", "events_per_minute_per_ip",
          "retention_days")


@bp.get("/j/<code>/privacy")
def privacy(code: str):
    """Readable before joining: what is stored, for how long, and how to withdraw."""
    session = session_by_code(code)
    if session is None:
        return render_template("phone/unknown.html", code=code[:12]), 404
    participant = participants.participant_for_token(
        session.id, participants.token_from_request(request, session.code)
    )
    g.cafe_locale = request.args.get("lang") or (
        participant.language if participant else session.language
    )
    own = settings.of(session)
    return render_template(
        "phone/privacy.html",
        session=session,
        participant=participant,
        retention_days=own.retention_days,
        expires=expires_at(session.created_at, own.retention_days).date().isoformat(),
    )


@bp.post("/s/<code>/withdraw")
def withdraw(code: str):
    """The phone's withdraw button, for browsers without JavaScript."""
    session = session_by_code(code)
    participant = session and participants.participant_for_token(
        session.id, participants.token_from_request(request, session.code)
    )
    if participant is None:
        return redirect(url_for("participants.join", code=code[:12] or "-"))
    changes = services.withdraw_everything(session, participant.id)
    db.session.commit()
    publish(changes)
    g.cafe_locale = participant.language
    flash(_("Everything you wrote in this session was withdrawn."), "info")
    return redirect(url_for("participants.phone", code=session.code))


@bp.route("/console/sessions/<int:session_id>/privacy", methods=["GET", "POST"])
@login_required
@console_action("run")
def console_settings(session):
    status = 200
    if request.method == "POST":
        values = {}
        for name in FIELDS:
            raw = (request.form.get(name) or "").strip()
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    values[name] = -1  # refused below with the field's name
        values["joins_open"] = bool(request.form.get("joins_open"))
        try:
            services.change_settings(session, values)
            flash(_("Saved"), "info")
            return redirect(url_for("security.console_settings", session_id=session.id))
        except Refusal as refusal:
            unit().refuse(refusal.message)
            status = 400
    own = settings.of(session)
    return render_template(
        "security/console.html",
        session=session,
        own=own,
        defaults=settings.defaults(),
        expires=expires_at(session.created_at, own.retention_days).date().isoformat(),
        limits_enabled=current_app.config["RATELIMIT_ENABLED"],
    ), status
