"""Invitations to one session's team: the owner invites a co-facilitator or moderator by e-mail
or by a link that names the person and the role; the person joins with a new account or by
logging in to theirs. No Flask, no sockets (the app's secret key is passed in)."""

import base64
import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from cafe.auth.models import Facilitator
from cafe.core import Refusal
from cafe.extensions import db
from cafe.models import utcnow
from cafe.sessions.models import CafeSession
from cafe.team.models import MEMBER_ROLES, Invitation, SessionMember
from cafe.team.services import INVITATION_DAYS, hash_token, is_open, revoke

# One address, no display name or list: the outbox sends to exactly what is written here.
EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
MAX_EMAIL = 254
ROLE_LABELS = {"cofacilitator": _l("co-facilitator"), "moderator": _l("moderator")}


def role_label(role: str | None) -> str:
    return str(ROLE_LABELS.get(role or "", role or ""))


def link_token(secret_key: str | bytes, invitation: Invitation) -> str:
    """The invitation's link token, made again from its salt whenever it is needed (the page
    after inviting, the e-mail the outbox writes later); only its hash is stored."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    digest = hmac.new(key, f"team-invitation:{invitation.link_salt}".encode(),
                      hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def invite(owner, session, name: str, email: str, role: str, language: str,
           secret_key) -> tuple[Invitation, str]:
    """An invitation to `session`'s team in `role`; returns it and its link token. `name` is
    the person's user name (theirs if they have an account, the new account's otherwise)."""
    name, email = (name or "").strip(), (email or "").strip()
    if role not in MEMBER_ROLES:
        raise Refusal("invalid", _l("Choose co-facilitator or moderator."), field="role")
    if not name or len(name) > 80:
        raise Refusal("invalid", _l("The user name must be 1 to 80 characters."),
                      field="username")
    if email and (len(email) > MAX_EMAIL or not EMAIL.match(email)):
        raise Refusal("invalid", _l("This is not an e-mail address (name@example.org)."),
                      field="email")
    existing = db.session.scalar(select(Facilitator).where(Facilitator.username == name))
    if existing is not None and existing.id == session.facilitator_id:
        raise Refusal("invalid", _l("This facilitator owns the session already."),
                      field="username")
    if existing is not None and db.session.scalar(select(SessionMember.id).where(
            SessionMember.session_id == session.id,
            SessionMember.facilitator_id == existing.id)):
        raise Refusal("invalid", _l("%(name)s is on the team already.", name=name),
                      field="username")
    invitation = Invitation(
        username=name, email=email, language=language, is_admin=False,
        created_by=owner.id, session_id=session.id, role=role,
        link_salt=secrets.token_hex(16),
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    token = link_token(secret_key, invitation)
    invitation.token_hash = hash_token(token)
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def of_session(session) -> list[Invitation]:
    """The session's invitations, newest first, whatever became of them."""
    return list(db.session.scalars(select(Invitation).where(
        Invitation.session_id == session.id).order_by(Invitation.id.desc())))


def has_account(invitation: Invitation) -> bool:
    return db.session.scalar(select(Facilitator.id).where(
        Facilitator.username == invitation.username)) is not None


def _claim(invitation: Invitation, user_id: int | None) -> None:
    """One conditional UPDATE: an owner who withdraws the link while it is being accepted wins
    or loses cleanly, never both a team member and a "withdrawn" link."""
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.revoked_at.is_(None))
        .values(used_at=utcnow(), joined_by=user_id)
    ).rowcount
    if not claimed:
        raise Refusal("gone", _l("This invitation cannot be used any more."))


def join(invitation: Invitation, user: Facilitator) -> SessionMember:
    """The logged-in `user` takes the invitation: they join the session's team in its role
    (someone on the team already gets the invitation's role)."""
    if not is_open(invitation):
        raise Refusal("gone", _l("This invitation cannot be used any more."))
    session_id = invitation.session_id
    session = db.session.get(CafeSession, session_id)
    if user.id == session.facilitator_id:
        raise Refusal("invalid", _l("This facilitator owns the session already."))
    _claim(invitation, user.id)
    member = db.session.scalar(select(SessionMember).where(
        SessionMember.session_id == session_id, SessionMember.facilitator_id == user.id))
    if member is None:
        member = SessionMember(session_id=session_id, facilitator_id=user.id,
                               role=invitation.role)
        db.session.add(member)
    member.role = invitation.role
    db.session.flush()
    db.session.refresh(invitation)
    return member


def withdraw(session, invitation_id: int, by) -> Invitation:
    """The owner withdraws a pending invitation of this session: its link stops working and
    its page says so; an e-mail not sent yet is not sent."""
    return revoke(by, invitation_id, session_id=session.id)
