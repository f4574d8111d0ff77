"""The team page of a session, its action log, accounts and invitations."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cafe.auth.models import Facilitator
from cafe.core import Refusal
from cafe.extensions import db, socketio
from cafe.live.queue import end_room
from cafe.live.rooms import user_room, view_room
from cafe.team import invitations, log, services
from cafe.team.models import MEMBER_ROLES
from cafe.team.unit import console_action, unit
from cafe.web.urls import public_base

bp = Blueprint("team", __name__)


@bp.route("/console/sessions/<int:session_id>/team", methods=["GET", "POST"])
@login_required
@console_action("team")
def index(session):
    """The team; a POST adds someone (or changes their role)."""
    if request.method == "POST":
        try:
            member, changed = services.add_member(session, request.form.get("username", ""),
                                                  request.form.get("role", ""))
        except Refusal as refusal:
            unit().refuse(refusal.message)
        else:
            if changed:  # their open screens were opened under the old role
                _end_connections(session.id, member.facilitator_id)
            flash(_("Saved"), "info")
        return redirect(url_for("team.index", session_id=session.id))
    return team_page(session)


def team_page(session, errors: dict | None = None, form: dict | None = None):
    """The team, its invitations (each pending one with its link) and the forms; a refused
    invitation comes back with its message beside the field and what was typed."""
    return render_template(
        "team/session.html", session=session, members=services.members(session),
        roles=MEMBER_ROLES, colleagues=services.colleagues(session),
        invitations=invitations.of_session(session), status=services.invitation_status,
        role_label=invitations.role_label, link=_link, errors=errors or {}, form=form or {},
        languages=current_app.config["LANGUAGES"])


def _link(invitation) -> str:
    token = invitations.link_token(current_app.secret_key, invitation)
    return public_base() + url_for("team.accept", token=token)


@bp.post("/console/sessions/<int:session_id>/team/<int:member_id>/remove")
@login_required
@console_action("team")
def remove_member(session, member_id: int):
    try:
        removed = services.remove_member(session, member_id)
    except Refusal as refusal:
        unit().refuse(refusal.message)
    else:
        _end_connections(session.id, removed)
    return redirect(url_for("team.index", session_id=session.id))


def _end_connections(session_id: int, facilitator_id: int) -> None:
    """Once the change is committed, every connection this person opened to the session with
    their login (console, projector, an assisted participant's phone) ends, on every server
    process; a reconnecting client is asked again who it is and what its role now allows."""
    unit().after_commit(lambda: end_room(socketio.server, user_room(session_id, facilitator_id)))


@bp.post("/console/sessions/<int:session_id>/projector-key")
@login_required
@console_action("team")
def renew_projector_key(session):
    """A new projector link: the old one answers 403 and the screens opened with it end (a
    projector opened with a team login reconnects by itself)."""
    services.renew_projector_key(session)
    unit().after_commit(lambda: end_room(socketio.server, view_room(session.id, "projector")))
    flash(_("The projector has a new link: the old one no longer works."), "info")
    return redirect(url_for("sessions.console", session_id=session.id))


@bp.get("/console/sessions/<int:session_id>/log")
@login_required
@console_action("log")
def action_log(session):
    titles = {a.id: a.title for a in session.activities}
    return render_template("team/log.html", session=session, entries=log.entries(session.id),
                           label=log.label, titles=titles)


def _admin():
    if not current_user.is_admin:
        abort(403)


@bp.get("/console/accounts")
@login_required
@console_action(None)
def accounts():
    _admin()
    return render_template(
        "team/accounts.html",
        facilitators=db.session.scalars(db.select(Facilitator).order_by(Facilitator.username)),
        invitations=services.all_invitations(), status=services.invitation_status, link=None,
        role_label=invitations.role_label,
    )


@bp.post("/console/accounts/invite")
@login_required
@console_action(None)
def invite():
    _admin()
    language = request.form.get("language", "nl")
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["DEFAULT_LANGUAGE"]
    try:
        _inv, token = services.invite(current_user, request.form.get("username", ""), language,
                                      request.form.get("is_admin") == "1")
    except Refusal as refusal:
        unit().refuse(refusal.message)
        return redirect(url_for("team.accounts"))
    return render_template(
        "team/accounts.html",
        facilitators=db.session.scalars(db.select(Facilitator).order_by(Facilitator.username)),
        invitations=services.all_invitations(), status=services.invitation_status,
        role_label=invitations.role_label,
        link=url_for("team.accept", token=token, _external=True),
    )


@bp.post("/console/accounts/invitations/<int:invitation_id>/revoke")
@login_required
@console_action(None)
def revoke_invitation(invitation_id: int):
    """Withdraws a pending invitation, e.g. a link sent to the wrong address."""
    _admin()
    try:
        invitation = services.revoke(current_user, invitation_id)
    except Refusal as refusal:
        unit().refuse(refusal.message)
    else:
        current_app.logger.info("invitation %s for %s withdrawn by %s", invitation.id,
                                invitation.username, current_user.username)
        flash(_("The invitation for %(name)s is withdrawn: its link no longer works.",
                name=invitation.username), "info")
    return redirect(url_for("team.accounts"))
