"""SMTP: one connection per batch, and the message for one panelist in their language."""

import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from cafe.delphi import mail_texts, services, stopping
from cafe.delphi.models import Contact, Panelist, ScheduledAction, Study
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
    """The e-mail for one outbox row: in the panelist's language, to their address only,
    greeting them by the name given with the address, with a one-click stop link."""
    panelist = db.session.get(Panelist, row.panelist_id)
    study = db.session.get(Study, row.study_id)
    contact = db.session.scalar(select(Contact).where(Contact.panelist_id == panelist.id))
    name = contact.name if contact else ""
    base = (config.get("PUBLIC_URL") or row.base_url or "http://localhost").rstrip("/")
    app = current_app._get_current_object()
    stop_link = f"{base}/d/stop/{stopping.stop_token(app.secret_key, panelist.id)}"
    # The loop's app context is shared by every message: force_locale, not g, picks the
    # language, or the first panelist's would stick.
    with app.test_request_context("/", base_url=base), force_locale(panelist.language):
        current = services.current_round(study)
        closes = _closes_at(study.id)
        words = mail_texts.paragraph(study, row.kind, panelist.language,
                                     current.number if current else None)
        subject = mail_texts.subject(row.kind, study.title)
        body = mail_texts.body(row.kind, study, words, name, f"{base}/d/{panelist.token}",
                               stop_link, shown(closes, config) if closes else None)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("MAIL_FROM") or f"Buurtcafé <noreply@{base.split('//')[-1]}>"
    message["To"] = Address(display_name=name, addr_spec=address) if name else address
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = row.message_id
    # RFC 8058: a mail program's own "unsubscribe" button POSTs to this address.
    message["List-Unsubscribe"] = f"<{stop_link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)
    # After set_content, which clears every Content-* header set before it.
    message["Content-Language"] = panelist.language
    return message
