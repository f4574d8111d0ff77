import hashlib
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from cafe.core import Changes, Refusal
from cafe.domain.control_chars import clean
from cafe.extensions import db
from cafe.participants.models import ROLES, Participant
from cafe.security import settings
from cafe.sessions.models import CafeSession

COOKIE_PREFIX = "cafe_p_"


def cookie_name(code: str) -> str:
    return f"{COOKIE_PREFIX}{code}"


def token_from_request(request, code: str) -> str | None:
    return request.cookies.get(cookie_name(code))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def participant_for_token(session_id: int, token: str | None) -> Participant | None:
    if not token or len(token) > 128:
        return None
    return db.session.scalar(
        select(Participant).where(
            Participant.session_id == session_id, Participant.token_hash == hash_token(token)
        )
    )


def clean_name(raw, max_length: int) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise Refusal("invalid", _l("The name is not valid."), field="name")
    name = " ".join(clean(raw).split())
    if len(name) > max_length:
        raise Refusal(
            "invalid",
            _l("The name is too long (at most %(max)s characters).", max=max_length),
            field="name",
        )
    return name or None


def join(
    session: CafeSession,
    *,
    name=None,
    role=None,
    language=None,
    languages=("nl", "fr", "en"),
    max_name=40,
    assisted=False,
) -> tuple[Participant, str, Changes]:
    """Create a participant; returns it with its (only) clear-text token."""
    if not assisted and not settings.of(session).joins_open:
        raise Refusal("closed", _l("This session does not accept new participants any more."))
    name = clean_name(name, max_name)
    if role in ("", None):
        role = None
    elif role not in ROLES:
        raise Refusal("invalid", _l("Please choose one of the roles offered."), field="role")
    if language in ("", None):
        language = session.language
    elif language not in languages:
        raise Refusal("invalid", _l("This language is not available."), field="language")
    token = secrets.token_urlsafe(32)
    participant = Participant(
        session_id=session.id,
        token_hash=hash_token(token),
        name=name,
        role=role,
        language=language,
        assisted=assisted,
    )
    db.session.add(participant)
    db.session.flush()
    return participant, token, Changes(session.id, participants=True)


def new_token(participant: Participant) -> str:
    """A fresh token for an assisted participant's phone view, opened from the console."""
    token = secrets.token_urlsafe(32)
    participant.token_hash = hash_token(token)
    db.session.flush()
    return token


def update_profile(participant: Participant, *, language=None, languages=("nl", "fr", "en")):
    if language is not None:
        if language not in languages:
            raise Refusal("invalid", _l("This language is not available."), field="language")
        participant.language = language
    db.session.flush()
