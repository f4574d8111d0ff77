"""The team page of a session, its action log, accounts and invitations."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from cafe.auth.models import Facilitator
from cafe.extensions import db, socketio
from cafe.live import connections
from cafe.live.errors import Refusal
from cafe.team import log, services
from cafe.team.models import MEMBER_ROLES
from cafe.team.permissions import session_for

bp = Blueprint("team", __name__)


@bp.route("/console/sessions/<int:session_id>/team", methods=["GET", "POST"])
@login_required
def index(session_id: int):
    """The team; a POST adds someone (or changes their role)."""
    session = session_for(session_id, "team")
    if request.method == "POST":
        try:
            services.add_member(session, request.form.get("username", ""),
                                request.form.get("role", ""))
            db.session.commit()
            flash(_("Saved"), "info")
        except Refusal as refusal:
            db.session.rollback()
            flash(str(refusal.message), "error")
        return redirect(url_for("team.index", session_id=session.id))
    return render_template("team/session.html", session=session,
                           members=services.members(session), roles=MEMBER_ROLES)


@bp.post("/console/sessions/<int:session_id>/team/<int:member_id>/remove")
@login_required
def remove_member(session_id: int, member_id: int):
    session = session_for(session_id, "team")
    try:
        removed = services.remove_member(session, member_id)
        db.session.commit()
    except Refusal as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
    else:
        _close_consoles(session.id, removed)
    return redirect(url_for("team.index", session_id=session.id))


def _close_consoles(session_id: int, facilitator_id: int) -> None:
    """A removed member's open consoles stop receiving the session's updates now. (Their next
    event would be refused anyway; with several processes, only this process's connections
    are closed here, the others at their next event or reconnect.)"""
    for conn in connections.of_facilitator(session_id, facilitator_id):
        socketio.server.disconnect(conn.sid, namespace="/")


@bp.get("/console/sessions/<int:session_id>/log")
@login_required
def action_log(session_id: int):
    session = session_for(session_id, "log")
    titles = {a.id: a.title for a in session.activities}
    return render_template("team/log.html", session=session, entries=log.entries(session.id),
                           label=log.label, titles=titles)


def _admin():
    if not current_user.is_admin:
        abort(403)


@bp.get("/console/accounts")
@login_required
def accounts():
    _admin()
    return render_template(
        "team/accounts.html",
        facilitators=db.session.scalars(db.select(Facilitator).order_by(Facilitator.username)),
        invitations=services.pending_invitations(), link=None,
    )


@bp.post("/console/accounts/invite")
@login_required
def invite():
    _admin()
    language = request.form.get("language", "nl")
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["DEFAULT_LANGUAGE"]
    try:
        _inv, token = services.invite(current_user, request.form.get("username", ""), language,
                                      request.form.get("is_admin") == "1")
        db.session.commit()
    except Refusal as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("team.accounts"))
    return render_template(
        "team/accounts.html",
        facilitators=db.session.scalars(db.select(Facilitator).order_by(Facilitator.username)),
        invitations=services.pending_invitations(),
        link=url_for("team.accept", token=token, _external=True),
    )


@bp.post("/console/accounts/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(invitation_id: int):
    """Withdraws a pending invitation, e.g. a link sent to the wrong address."""
    _admin()
    try:
        invitation = services.revoke(current_user, invitation_id)
        db.session.commit()
    except Refusal as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
    else:
        current_app.logger.info("invitation %s for %s withdrawn by %s", invitation.id,
                                invitation.username, current_user.username)
        flash(_("The invitation for %(name)s is withdrawn: its link no longer works.",
                name=invitation.username), "info")
    return redirect(url_for("team.accounts"))


def _unusable(invitation):
    """The page for a link that makes no account: withdrawn (410, so the invitee knows to ask
    again), or unknown, used or expired (404)."""
    withdrawn = invitation is not None and invitation.revoked_at is not None
    return (render_template("team/invitation.html", invitation=None, withdrawn=withdrawn),
            410 if withdrawn else 404)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept(token: str):
    invitation = services.find_invitation(token)
    if invitation is None or not services.is_open(invitation):
        return _unusable(invitation)
    if request.method == "POST":
        try:
            user = services.accept(invitation, request.form.get("password", ""),
                                   request.form.get("password2", ""))
            db.session.commit()
        except Refusal as refusal:
            db.session.rollback()
            if refusal.code == "gone":  # withdrawn or used while the form was open
                db.session.refresh(invitation)
                return _unusable(invitation)
            flash(str(refusal.message), "error")
            return render_template("team/invitation.html", invitation=invitation), 400
        login_user(user, remember=True)
        return redirect(url_for("sessions.index"))
    return render_template("team/invitation.html", invitation=invitation)
