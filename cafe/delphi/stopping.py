"""A panelist who wants no more e-mail: the one-click stop link (RFC 8058), withdrawing from
the study on their page, and the most reminders a round sends.

The stop link carries a signed panelist id, not the personal link's token: it sits in a mail
header that mail providers read and may show, and it can stop the mail but not answer. A
stopped address is kept (marked), so pasting the same list again invites nobody anew.
"""

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update

from cafe.delphi.models import Contact, OutboxMessage, Panelist, Round, Study
from cafe.extensions import db
from cafe.models import utcnow

DEFAULT_MAX_REMINDERS = 2
MAX_REMINDERS_LIMIT = 10
_SALT = "delphi-stop-mail"


def _signer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=_SALT)


def stop_token(secret_key: str, panelist_id: int) -> str:
    return _signer(secret_key).dumps(panelist_id)


def panelist_of(secret_key: str, token: str) -> Panelist | None:
    if not token or len(token) > 200:
        return None
    try:
        panelist_id = _signer(secret_key).loads(token)
    except BadSignature:
        return None
    return db.session.get(Panelist, panelist_id) if isinstance(panelist_id, int) else None


def stopped(panelist: Panelist) -> bool:
    contact = db.session.scalar(select(Contact).where(Contact.panelist_id == panelist.id))
    return panelist.withdrawn_at is not None or (contact is not None
                                                 and contact.stopped_at is not None)


def stop_mail(panelist: Panelist) -> bool:
    """No message goes to this panelist any more, queued ones included. Returns whether
    anything changed (a second click changes nothing)."""
    now = utcnow()
    changed = db.session.execute(
        update(Contact).where(Contact.panelist_id == panelist.id, Contact.stopped_at.is_(None))
        .values(stopped_at=now).execution_options(synchronize_session=False)).rowcount
    db.session.execute(
        update(OutboxMessage).where(OutboxMessage.panelist_id == panelist.id,
                                    OutboxMessage.status == "queued")
        .values(status="cancelled").execution_options(synchronize_session=False))
    db.session.flush()
    return bool(changed)


def withdraw(panelist: Panelist) -> None:
    """The panelist leaves the study: no more e-mail, no more answers (those given stay, as
    anonymous as every other)."""
    if panelist.withdrawn_at is None:
        panelist.withdrawn_at = utcnow()
    stop_mail(panelist)


def rejoin(panelist: Panelist) -> None:
    """Back in the study; the e-mail stays stopped (the page says so)."""
    panelist.withdrawn_at = None
    db.session.flush()


def max_reminders(study: Study) -> int:
    value = (study.mail_settings or {}).get("max_reminders", DEFAULT_MAX_REMINDERS)
    return value if isinstance(value, int) else DEFAULT_MAX_REMINDERS


def set_max_reminders(study: Study, value: int) -> None:
    if not 0 <= value <= MAX_REMINDERS_LIMIT:
        raise ValueError(value)
    study.mail_settings = {**(study.mail_settings or {}), "max_reminders": value}
    db.session.flush()


def mailable(study: Study) -> set[int]:
    """Panelists with an address who have not stopped the mail nor withdrawn."""
    return set(db.session.scalars(
        select(Contact.panelist_id).join(Panelist, Panelist.id == Contact.panelist_id)
        .where(Contact.study_id == study.id, Contact.stopped_at.is_(None),
               Panelist.withdrawn_at.is_(None))))


def reminded(study: Study, round_: Round) -> dict[int, int]:
    """How many reminders of this round each panelist has had (queued or sent)."""
    rows = db.session.execute(
        select(OutboxMessage.panelist_id, func.count())
        .where(OutboxMessage.study_id == study.id, OutboxMessage.kind == "reminder",
               OutboxMessage.key.like(f"reminder:%:r{round_.id}:%"),
               OutboxMessage.status != "cancelled")
        .group_by(OutboxMessage.panelist_id)).all()
    return dict(rows)
