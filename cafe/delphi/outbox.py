"""The Delphi outbox: e-mails queued in the database and sent in the background.

Each message is claimed just before it is sent (one UPDATE that only one process can win,
stamped with the wall clock, never a batch's or a drill's time), sent, then marked sent. A
process that dies between claim and mark leaves the message claimed; after MAIL_CLAIM_TIMEOUT
another process sends it again with the same Message-ID, so a restart loses nothing and a
receiving server can recognise the rare repeat. A claim held by a process still alive on this
machine is never taken over, however long its send takes. Failures are kept on the row for the
console.
"""

import logging
import os
import secrets
import socket
from datetime import timedelta
from email.utils import parseaddr

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from cafe.delphi import mail
from cafe.delphi.models import Contact, OutboxMessage, Panelist, Study
from cafe.extensions import db
from cafe.models import utcnow
from cafe.team import mail as team_mail
from cafe.team.models import Invitation
from cafe.team.services import is_open

log = logging.getLogger(__name__)
KINDS = ("invitation", "reminder", "round_open")  # a study's; a team's: "team_invitation"


def _domain(app_config) -> str:
    address = parseaddr(app_config.get("MAIL_FROM") or "")[1]
    return address.rpartition("@")[2] or "buurtcafe.invalid"


def enqueue(study: Study, panelist_ids, kind: str, key_suffix: str, base_url: str,
            domain: str) -> int:
    """Queue one message per panelist who has an address; a key already queued is skipped,
    so the same click or scheduled action twice queues nothing new. Returns how many."""
    assert kind in KINDS
    # Nobody who stopped the mail or withdrew (cafe.delphi.stopping).
    with_address = set(db.session.scalars(
        select(Contact.panelist_id).join(Panelist, Panelist.id == Contact.panelist_id).where(
            Contact.study_id == study.id, Contact.panelist_id.in_(list(panelist_ids)),
            Contact.stopped_at.is_(None), Panelist.withdrawn_at.is_(None))))
    added = 0
    for panelist_id in sorted(with_address):
        key = f"{kind}:{panelist_id}" + (f":{key_suffix}" if key_suffix else "")
        if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)):
            continue
        row = OutboxMessage(
            study_id=study.id, panelist_id=panelist_id, kind=kind, key=key[:120],
            message_id=f"<delphi.{study.id}.{secrets.token_hex(12)}@{domain}>",
            base_url=base_url[:200])
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:  # another process queued the same key just now
            continue
        added += 1
    return added


def enqueue_team_invitation(invitation: Invitation, base_url: str, domain: str) -> None:
    """Queue the e-mail of a session owner's team invitation (cafe.team.mail writes it when
    it is sent); the same queue, rate limit and SMTP connection as the study's messages."""
    db.session.add(OutboxMessage(
        invitation_id=invitation.id, kind="team_invitation", key=f"team:{invitation.id}",
        message_id=f"<team.{invitation.id}.{secrets.token_hex(12)}@{domain}>",
        base_url=base_url[:200]))
    db.session.flush()


def _recipient(row: OutboxMessage):
    """(address, how to write the message) for a row, or None when it must not go: the
    panelist stopped the mail, withdrew or was deleted; the invitation was withdrawn or used."""
    if row.invitation_id is not None:
        invitation = db.session.get(Invitation, row.invitation_id)
        if invitation is None or not invitation.email or not is_open(invitation):
            return None
        return invitation.email, team_mail.render
    contact = db.session.scalar(select(Contact).where(Contact.panelist_id == row.panelist_id))
    panelist = db.session.get(Panelist, row.panelist_id)
    if (contact is None or contact.stopped_at is not None
            or panelist is None or panelist.withdrawn_at is not None):
        return None
    return contact.email, mail.render


def _due(now, lease: timedelta):
    return or_(and_(OutboxMessage.status == "queued", OutboxMessage.not_before <= now),
               and_(OutboxMessage.status == "sending",
                    OutboxMessage.claimed_at < utcnow() - lease))


def _sent_last_minute(now) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status == "sent", OutboxMessage.sent_at > now - timedelta(minutes=1)))


def _alive_here(worker: str) -> bool:
    """Whether `worker` (host:pid, as background.worker_name writes it) is a process that is
    still running on this machine; another machine's claim only expires."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except PermissionError:  # alive, another user's
        return True
    except OSError:
        return False
    return True


def _claim(message_id: int, now, lease, worker: str) -> bool:
    """Claim one message at the moment it is sent. `now` (perhaps a drill clock) says what is
    due; the claim itself is stamped and judged by the wall clock."""
    wall = utcnow()
    current = db.session.execute(select(OutboxMessage.status, OutboxMessage.claimed_by)
                                 .where(OutboxMessage.id == message_id)).first()
    if current is None or (current.status == "sending" and _alive_here(current.claimed_by)):
        db.session.commit()
        return False
    result = db.session.execute(
        update(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.claimed_by == current.claimed_by,
            or_(and_(OutboxMessage.status == "queued", OutboxMessage.not_before <= now),
                and_(OutboxMessage.status == "sending", OutboxMessage.claimed_at < wall - lease)))
        .values(status="sending", claimed_at=wall, claimed_by=worker)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _failed(row: OutboxMessage, error: str, now, config: dict) -> None:
    row.attempts += 1
    row.last_error = error[:500]
    if row.attempts >= config["MAIL_MAX_ATTEMPTS"]:
        row.status = "failed"
    else:  # tried again later, waiting twice as long each time, at most an hour
        row.status = "queued"
        wait = float(config["MAIL_RETRY_SECONDS"]) * 2 ** (row.attempts - 1)
        row.not_before = now + timedelta(seconds=min(wait, 3600))
    db.session.commit()


def deliver_due(config: dict, worker: str, now=None, sleep=None, render=None) -> int:
    """Send what is due, within the rate limit; returns how many were sent. Stops at the
    first connection failure: the server is down for the others as well."""
    if not config.get("MAIL_HOST"):
        return 0
    # A fixed `now` (tests, a drill clock) stamps everything; otherwise each step reads the
    # clock, so sent_at and the rate window stay true over a long batch.
    clock = (lambda: now) if now else utcnow
    now = clock()
    lease = timedelta(seconds=config["MAIL_CLAIM_TIMEOUT"])
    per_minute = max(1, int(config["MAIL_PER_MINUTE"]))
    budget = per_minute - _sent_last_minute(now)
    if budget <= 0:
        return 0
    ids = list(db.session.scalars(select(OutboxMessage.id).where(_due(now, lease))
                                  .order_by(OutboxMessage.id).limit(budget)))
    db.session.commit()
    sent, connection = 0, None
    try:
        for message_id in ids:
            if not _claim(message_id, clock(), lease, worker):
                continue
            row = db.session.get(OutboxMessage, message_id)
            recipient = _recipient(row)
            if recipient is None:
                row.status, row.last_error = "cancelled", ""
                db.session.commit()
                continue
            address, writer = recipient
            try:
                message = (render or writer)(config, row, address)
            except Exception as exc:  # a broken row must not block the queue behind it
                log.exception("delphi mail %s could not be written", row.id)
                db.session.rollback()
                row = db.session.get(OutboxMessage, message_id)
                _failed(row, f"{type(exc).__name__}: {exc}", clock(), config)
                continue
            try:
                connection = connection or mail.connect(config)
                connection.send_message(message)
            except (OSError, mail.SMTPException) as exc:
                mail.close(connection)
                connection = None
                log.warning("mail %s (%s) failed: %s", row.id, row.kind, exc)
                _failed(row, f"{type(exc).__name__}: {exc}", clock(), config)
                break
            db.session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row.id,
                                            OutboxMessage.claimed_by == worker)
                .values(status="sent", sent_at=clock(), last_error=""))
            db.session.commit()
            sent += 1
            if sleep:
                sleep(60.0 / per_minute)
    finally:
        mail.close(connection)
    return sent


def status(study: Study) -> dict:
    """Counts per kind and status, and the latest errors, for the console."""
    rows = db.session.execute(
        select(OutboxMessage.kind, OutboxMessage.status, func.count())
        .where(OutboxMessage.study_id == study.id)
        .group_by(OutboxMessage.kind, OutboxMessage.status)).all()
    counts: dict[str, dict[str, int]] = {}
    for kind, state, n in rows:
        counts.setdefault(kind, {})[state] = n
    errors = db.session.execute(
        select(Panelist.label, OutboxMessage.kind, OutboxMessage.status,
               OutboxMessage.attempts, OutboxMessage.last_error)
        .join(Panelist, Panelist.id == OutboxMessage.panelist_id)
        .where(OutboxMessage.study_id == study.id, OutboxMessage.last_error != "")
        .order_by(OutboxMessage.id.desc()).limit(20)).all()
    return {"counts": counts, "errors": [dict(r._mapping) for r in errors]}


def delete_addresses(study: Study) -> int:
    """The facilitator's button: every address of the study goes, and with it every message
    not yet sent."""
    db.session.execute(update(OutboxMessage).where(
        OutboxMessage.study_id == study.id, OutboxMessage.status.in_(("queued", "sending")))
        .values(status="cancelled").execution_options(synchronize_session=False))
    count = db.session.query(Contact).filter(Contact.study_id == study.id).delete(
        synchronize_session=False)
    db.session.flush()
    return count
