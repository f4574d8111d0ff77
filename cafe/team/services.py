"""Team members of a session and invitations for new facilitators. No Flask, no sockets."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from cafe.auth.models import Facilitator
from cafe.auth.services import hash_password
from cafe.core import Refusal
from cafe.extensions import db
from cafe.models import utcnow
from cafe.team.models import MEMBER_ROLES, Invitation, SessionMember

INVITATION_DAYS = 7
MIN_PASSWORD = 8


def members(session) -> list[SessionMember]:
    return list(db.session.scalars(
        select(SessionMember).where(SessionMember.session_id == session.id)
        .order_by(SessionMember.id)
    ))


def add_member(session, username: str, role: str) -> tuple[SessionMember, bool]:
    """Adds someone to the team or changes their role; returns the member and whether someone
    already on the team got another role."""
    if role not in MEMBER_ROLES:
        raise Refusal("invalid", _l("Choose co-facilitator or moderator."))
    user = db.session.scalar(
        select(Facilitator).where(Facilitator.username == (username or "").strip())
    )
    if user is None:
        raise Refusal("not_found", _l("There is no facilitator with this user name."))
    if user.id == session.facilitator_id:
        raise Refusal("invalid", _l("This facilitator owns the session already."))
    member = db.session.scalar(select(SessionMember).where(
        SessionMember.session_id == session.id, SessionMember.facilitator_id == user.id))
    changed = member is not None and member.role != role
    if member is None:
        member = SessionMember(session_id=session.id, facilitator_id=user.id, role=role)
        db.session.add(member)
    member.role = role  # adding someone again changes their role
    db.session.flush()
    return member, changed


def remove_member(session, member_id: int) -> int:
    """Removes a team member; returns their facilitator id."""
    member = db.session.get(SessionMember, member_id)
    if member is None or member.session_id != session.id:
        raise Refusal("not_found", _l("This no longer exists."))
    facilitator_id = member.facilitator_id
    db.session.delete(member)
    db.session.flush()
    return facilitator_id


def renew_projector_key(session) -> None:
    """The session's projector link gets a new key (the old one was seen by someone who left
    the team, or on a photo of the screen)."""
    session.projector_key = secrets.token_urlsafe(24)
    db.session.flush()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(admin, username: str, language: str, is_admin: bool = False) -> tuple[Invitation, str]:
    """An invitation for a new account; returns it and the token (shown once, stored hashed)."""
    username = (username or "").strip()
    if not username or len(username) > 80:
        raise Refusal("invalid", _l("The user name must be 1 to 80 characters."))
    if db.session.scalar(select(Facilitator.id).where(Facilitator.username == username)):
        raise Refusal("invalid", _l("A facilitator with this user name exists already."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        token_hash=hash_token(token), username=username, language=language,
        is_admin=bool(is_admin), created_by=admin.id,
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The invitation this token belongs to, whatever its state."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token)))


def is_open(invitation: Invitation) -> bool:
    """Unused, not withdrawn and not expired: the link still makes an account."""
    if invitation.used_at is not None or invitation.revoked_at is not None:
        return False
    expires = invitation.expires_at
    if expires.tzinfo is None:  # SQLite gives naive datetimes back
        expires = expires.replace(tzinfo=utcnow().tzinfo)
    return expires > utcnow()


def accept(invitation: Invitation, password: str, repeated: str) -> Facilitator:
    if len(password or "") < MIN_PASSWORD:
        raise Refusal("invalid", _l("The password must be at least %(n)s characters.",
                                    n=MIN_PASSWORD))
    if password != repeated:
        raise Refusal("invalid", _l("The two passwords are not the same."))
    if db.session.scalar(select(Facilitator.id).where(
            Facilitator.username == invitation.username)):
        raise Refusal("invalid", _l("A facilitator with this user name exists already."))
    # One conditional UPDATE: an admin who revokes the link while the invitee is choosing a
    # password wins or loses cleanly, never both an account and a "withdrawn" link.
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.revoked_at.is_(None))
        .values(used_at=utcnow())
    ).rowcount
    if not claimed:
        raise Refusal("gone", _l("This invitation cannot be used any more."))
    user = Facilitator(username=invitation.username, language=invitation.language,
                       password_hash=hash_password(password),
                       is_admin=invitation.is_admin)
    db.session.add(user)
    db.session.flush()
    invitation.joined_by = user.id
    if invitation.session_id is not None:  # an owner's invitation: onto that session's team
        db.session.add(SessionMember(session_id=invitation.session_id, facilitator_id=user.id,
                                     role=invitation.role))
    db.session.flush()
    return user


def revoke(by, invitation_id: int, session_id: int | None = None) -> Invitation:
    """Withdraws a pending invitation (with `session_id`: only one to that session's team): its
    link stops working and its page says it was withdrawn. An invitation already used (the
    account exists) or withdrawn is refused."""
    where = [Invitation.id == invitation_id, Invitation.used_at.is_(None),
             Invitation.revoked_at.is_(None)]
    if session_id is not None:
        where.append(Invitation.session_id == session_id)
    revoked = db.session.execute(
        update(Invitation).where(*where).values(revoked_at=utcnow(), revoked_by=by.id)
    ).rowcount
    if not revoked:
        raise Refusal("not_found", _l("This invitation was used or withdrawn already."))
    invitation = db.session.get(Invitation, invitation_id)
    db.session.refresh(invitation)
    return invitation


def colleagues(session) -> list[Facilitator]:
    """The facilitators the owner can add to the team: everyone but the owner and the
    members, by user name."""
    taken = select(SessionMember.facilitator_id).where(SessionMember.session_id == session.id)
    return list(db.session.scalars(
        select(Facilitator).where(Facilitator.id != session.facilitator_id,
                                  Facilitator.id.not_in(taken))
        .order_by(Facilitator.username)))


def invitation_status(invitation: Invitation) -> str:
    """accepted | withdrawn | expired | pending: what the accounts page says of it."""
    if invitation.used_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "withdrawn"
    expires = invitation.expires_at
    if expires.tzinfo is None:  # SQLite gives naive datetimes back
        expires = expires.replace(tzinfo=utcnow().tzinfo)
    return "pending" if expires > utcnow() else "expired"


def all_invitations(limit: int = 200) -> list[Invitation]:
    """Every invitation, newest first, with what became of it (`invitation_status`)."""
    return list(db.session.scalars(select(Invitation).order_by(Invitation.id.desc())
                                   .limit(limit)))


def pending_invitations() -> list[Invitation]:
    """Invitations whose link still works: not used, not withdrawn, not expired; newest first."""
    return list(db.session.scalars(
        select(Invitation)
        .where(Invitation.used_at.is_(None), Invitation.revoked_at.is_(None),
               Invitation.expires_at > utcnow())
        .order_by(Invitation.id.desc())))
