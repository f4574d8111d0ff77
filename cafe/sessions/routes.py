import hmac

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cafe.activities import registry
from cafe.core import Refusal
from cafe.editor.services import copy_session
from cafe.extensions import db
from cafe.library.services import catalogue, plan_for
from cafe.participants import services as participants
from cafe.participants.models import ROLES, Participant
from cafe.participants.routes import set_token_cookie
from cafe.security.erase import forget_deleted_rows
from cafe.sessions import services
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.sessions.plans import PlanError
from cafe.team.permissions import may, role_of, session_for, sessions_of
from cafe.team.unit import console_action, unit
from cafe.web.headers import CSP
from cafe.web.urls import join_url

bp = Blueprint("sessions", __name__)


def owned_session(session_id: int, action: str = "run") -> CafeSession:
    """The session, if the logged-in facilitator's role in it allows `action` (see
    cafe.team.permissions); someone without a role gets 404, no hint that it exists."""
    return session_for(session_id, action)


@bp.get("/console/")
@login_required
def index():
    return render_template(
        "console/index.html",
        sessions=sessions_of(current_user),
        plans=catalogue(current_user),
    )


@bp.post("/console/sessions")
@login_required
@console_action(None)
def create():
    languages = current_app.config["LANGUAGES"]
    language = request.form.get("language", current_user.language)
    if language not in languages:
        language = current_app.config["DEFAULT_LANGUAGE"]
    plan = None
    plan_name = request.form.get("plan") or ""
    if plan_name.startswith("copy:") and plan_name[5:].isdigit():
        session = copy_session(owned_session(int(plan_name[5:])), current_user,
                               request.form.get("title", ""))
        return redirect(url_for("editor.agenda", session_id=session.id))
    try:
        if plan_name:
            plan = plan_for(current_user, plan_name)
            if plan is None:
                raise PlanError(_("Unknown plan."))
        session = services.create_session(
            current_user, request.form.get("title", ""), language, plan
        )
    except (Refusal, PlanError) as exc:
        unit().refuse(getattr(exc, "message", exc))
        return render_template(
            "console/index.html", sessions=sessions_of(current_user),
            plans=catalogue(current_user),
        ), 400
    # An empty agenda: straight to the editor to add a first activity.
    endpoint = "sessions.console" if plan is not None else "editor.agenda"
    return redirect(url_for(endpoint, session_id=session.id))


@bp.get("/console/sessions/<int:session_id>")
@login_required
@console_action("console")
def console(session):
    role = role_of(current_user, session)
    return render_template(
        "console/session.html",
        session=session,
        role=role,
        may_run=may(current_user, "run", session),
        may_manage=may(current_user, "team", session),
        join_url=join_url(session.code),
        # The projector's key is for those who run the session, not for moderators.
        projector_url=url_for(
            "sessions.projector", code=session.code, key=session.projector_key, _external=True
        ) if may(current_user, "run", session) else None,
        kinds=registry.all_kinds(),
        audience="console",
        roles=ROLES,
    )


@bp.post("/console/sessions/<int:session_id>/assisted")
@login_required
@console_action("run")
def add_assisted(session):
    """Someone without a phone: the facilitator enters their input in a phone view for them."""
    try:
        participant, _token, changes = participants.join(
            session,
            name=request.form.get("name"),
            role=request.form.get("role"),
            language=request.form.get("language") or session.language,
            languages=current_app.config["LANGUAGES"],
            max_name=current_app.config["MAX_NAME_LENGTH"],
            assisted=True,
        )
    except Refusal as refusal:
        unit().refuse(refusal.message)
        return redirect(url_for("sessions.console", session_id=session.id))
    unit().publish(changes)
    return redirect(
        url_for("sessions.assist", session_id=session.id, participant_id=participant.id)
    )


@bp.get("/console/sessions/<int:session_id>/assist/<int:participant_id>")
@login_required
@console_action("run")
def assist(session, participant_id: int):
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.session_id != session.id or not participant.assisted:
        abort(404)
    token = participants.new_token(participant)  # committed with the unit, before the answer
    response = redirect(url_for("participants.phone", code=session.code))
    set_token_cookie(response, session.code, token)
    return response


@bp.post("/console/sessions/<int:session_id>/delete")
@login_required
@console_action("delete")
def delete(session):
    if normalise(request.form.get("confirm", "")) != session.code:
        unit().refuse(_("Type the session code to confirm deleting it."))
        return redirect(url_for("sessions.console", session_id=session.id))
    services.delete_session(session)
    unit().after_commit(forget_deleted_rows)
    flash(_("The session and all its data were deleted."), "info")
    return redirect(url_for("sessions.index"))


@bp.get("/p/<code>")
def projector(code: str):
    session = db.session.scalar(
        db.select(CafeSession).where(CafeSession.code == normalise(code))
    )
    if session is None:
        abort(404)
    key = request.args.get("key", "")
    team = may(current_user, "projector", session)
    if not team and not hmac.compare_digest(key, session.projector_key):
        abort(403)
    g.cafe_locale = session.language
    url = join_url(session.code)
    # Shown without the scheme, in two parts that never break inside: "host/j/" and the code.
    address = url.split("://", 1)[-1]
    response = make_response(render_template(
        "projector.html",
        session=session,
        key=key,
        join_url=url,
        join_address=(address[: -len(session.code)], session.code),
        kinds=registry.all_kinds(),
        audience="projector",
    ))
    # The console shows a live thumbnail of this page in a frame; nobody else may frame it.
    response.headers["Content-Security-Policy"] = CSP.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
