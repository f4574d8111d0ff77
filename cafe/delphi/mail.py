"""SMTP: one connection per batch, and the message for one panelist in their language."""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from cafe.delphi import services
from cafe.delphi.models import Panelist, ScheduledAction, Study
from cafe.delphi.times import shown
from cafe.extensions import db

SMTPException = smtplib.SMTPException


def connect(config: dict) -> smtplib.SMTP:
    host, port = config["MAIL_HOST"], int(config["MAIL_PORT"])
    security = (config["MAIL_SECURITY"] or "starttls").lower()
    timeout = config["MAIL_TIMEOUT"]
    if security == "tls":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    return smtp


def close(connection) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except (OSError, SMTPException):
        connection.close()


def _closes_at(study_id: int):
    return db.session.scalar(
        select(ScheduledAction.due_at).where(ScheduledAction.study_id == study_id,
                                             ScheduledAction.action == "close",
                                             ScheduledAction.status == "scheduled")
        .order_by(ScheduledAction.due_at).limit(1))


def render(config: dict, row, address: str) -> EmailMessage:
    """The e-mail for one outbox row: in the panelist's language, to their address only."""
    panelist = db.session.get(Panelist, row.panelist_id)
    study = db.session.get(Study, row.study_id)
    base = (config.get("PUBLIC_URL") or row.base_url or "http://localhost").rstrip("/")
    app = current_app._get_current_object()
    # The loop's app context is shared by every message: force_locale, not g, picks the
    # language, or the first panelist's would stick.
    with app.test_request_context("/", base_url=base), force_locale(panelist.language):
        current = services.current_round(study)
        closes = _closes_at(study.id)
        link = f"{base}/d/{panelist.token}"
        subject = {"invitation": _("Invitation: %(title)s", title=study.title),
                   "reminder": _("Reminder: %(title)s", title=study.title),
                   "round_open": _("A new round is open: %(title)s", title=study.title),
                   }[row.kind]
        body = render_template(
            "delphi/mail/message.txt", kind=row.kind, study=study, link=link,
            round_number=current.number if current else None,
            closes=shown(closes, config) if closes else None)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or f"Buurtcafé <noreply@{base.split('//')[-1]}>"
    message["To"] = address
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = row.message_id
    message["Content-Language"] = panelist.language
    message.set_content(body)
    return message
