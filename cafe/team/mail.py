"""The e-mail of a team invitation, written by the outbox when it is sent (cafe.delphi.outbox),
in the language the owner chose for the person."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from cafe.extensions import db
from cafe.sessions.models import CafeSession
from cafe.team.invitations import link_token, role_label
from cafe.team.models import Invitation


def render(config: dict, row, address: str) -> EmailMessage:
    invitation = db.session.get(Invitation, row.invitation_id)
    session = db.session.get(CafeSession, invitation.session_id)
    base = (config.get("PUBLIC_URL") or row.base_url or "http://localhost").rstrip("/")
    app = current_app._get_current_object()
    link = f"{base}/invite/{link_token(app.secret_key, invitation)}"
    inviter = invitation.inviter.username if invitation.inviter else ""
    # The outbox's loop shares one app context between messages: force_locale, not g.
    with app.test_request_context("/", base_url=base), force_locale(invitation.language):
        title = session.title_in(invitation.language)
        role = role_label(invitation.role)
        subject = _("Invitation: %(role)s of “%(title)s”", role=role, title=title)
        body = render_template("team/mail/invitation.txt", name=invitation.username,
                               role=role, title=title, inviter=inviter, link=link,
                               expires=invitation.expires_at.strftime("%Y-%m-%d"))
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or f"Buurtcafé <noreply@{base.split('//')[-1]}>"
    message["To"] = Address(display_name=invitation.username, addr_spec=address)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = row.message_id
    message.set_content(body)
    message["Content-Language"] = invitation.language  # after set_content, which clears it
    return message
