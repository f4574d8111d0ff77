"""Invitations to a session's team: the owner invites and withdraws; the invitee's link page,
which names the person, the role and the session, and where they join (new account or their
own); an admin's invitation for a new account takes the same page."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from cafe.core import Refusal
from cafe.delphi import outbox
from cafe.extensions import db
from cafe.sessions.models import CafeSession
from cafe.team import invitations, log, services
from cafe.team.routes import bp, team_page
from cafe.team.unit import console_action, unit
from cafe.web.urls import public_base


@bp.post("/console/sessions/<int:session_id>/team/invite")
@login_required
@console_action("team")
def invite_member(session):
    """A co-facilitator or moderator invited by e-mail (queued in the outbox, sent by its
    loop) and/or by a link the owner passes on herself."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        language = session.language
    form = {key: request.form.get(key, "") for key in ("username", "email", "role")}
    try:
        invitation, _token = invitations.invite(
            current_user, session, form["username"], form["email"], form["role"], language,
            current_app.secret_key)
    except Refusal as refusal:
        unit().refuse()
        return team_page(session, errors={refusal.details.get("field", "username"):
                                          str(refusal.message)}, form=form), 400
    if invitation.email:
        outbox.enqueue_team_invitation(invitation, public_base(),
                                       outbox._domain(current_app.config))
        flash(_("The invitation is on its way to %(email)s.", email=invitation.email), "info")
    flash(_("%(name)s is invited as %(role)s: the link is in the list of invitations.",
            name=invitation.username, role=invitations.role_label(invitation.role)), "info")
    return redirect(url_for("team.index", session_id=session.id) + "#invitations")


@bp.post("/console/sessions/<int:session_id>/team/invitations/<int:invitation_id>/withdraw")
@login_required
@console_action("team")
def withdraw_invitation(session, invitation_id: int):
    try:
        invitation = invitations.withdraw(session, invitation_id, current_user)
    except Refusal as refusal:
        unit().refuse(refusal.message)
    else:
        flash(_("The invitation for %(name)s is withdrawn: its link no longer works.",
                name=invitation.username), "info")
    return redirect(url_for("team.index", session_id=session.id) + "#invitations")


def _unusable(invitation):
    """The page for a link that makes no account: withdrawn (410, so the invitee knows to ask
    again), or unknown, used or expired (404)."""
    withdrawn = invitation is not None and invitation.revoked_at is not None
    return (render_template("team/invitation.html", invitation=None, withdrawn=withdrawn),
            410 if withdrawn else 404)


def _page(invitation, status: int = 200):
    session = (db.session.get(CafeSession, invitation.session_id)
               if invitation.session_id else None)
    return render_template(
        "team/invitation.html", invitation=invitation, session=session,
        role=invitations.role_label(invitation.role),
        has_account=invitations.has_account(invitation),
        login_url=url_for("auth.login", next=request.path)), status


def _joined(invitation, user):
    """The action log line of the session the person joined, in the same commit."""
    if invitation.session_id is not None:
        log.record(invitation.session_id, user.id, "team.accept",
                   {"invitation": invitation.id}, user.username)
    db.session.commit()
    if invitation.session_id is not None:
        return redirect(url_for("sessions.console", session_id=invitation.session_id))
    return redirect(url_for("sessions.index"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept(token: str):
    invitation = services.find_invitation(token)
    if (invitation is not None and invitation.session_id is not None
            and not current_user.is_authenticated
            and not request.accept_languages.best_match(current_app.config["LANGUAGES"])):
        # A browser that names none of ours: the language the owner chose for this person.
        g.cafe_locale = invitation.language
    if invitation is None or not services.is_open(invitation):
        return _unusable(invitation)
    if request.method == "GET":
        return _page(invitation)
    joining = (request.form.get("action") == "join" and invitation.session_id is not None
               and current_user.is_authenticated)
    try:
        if joining:
            user = current_user._get_current_object()
            invitations.join(invitation, user)
        else:
            user = services.accept(invitation, request.form.get("password", ""),
                                   request.form.get("password2", ""))
        response = _joined(invitation, user)
    except Refusal as refusal:
        db.session.rollback()
        if refusal.code == "gone":  # withdrawn or used while the form was open
            db.session.refresh(invitation)
            return _unusable(invitation)
        flash(str(refusal.message), "error")
        return _page(invitation, 400)
    if not joining:
        login_user(user, remember=True)
    return response

