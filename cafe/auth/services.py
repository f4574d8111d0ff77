from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from cafe.auth.models import Facilitator
from cafe.extensions import db

# Checking a password for an unknown user costs the same as for a known one.
_DUMMY_HASH = generate_password_hash("not-a-password")


class AccountError(ValueError):
    pass


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def create_facilitator(
    username: str, password: str, language: str = "nl", is_admin: bool = False
) -> Facilitator:
    username = username.strip()
    if not username or len(username) > 80:
        raise AccountError("The user name must be 1 to 80 characters.")
    if len(password) < 8:
        raise AccountError("The password must be at least 8 characters.")
    if db.session.scalar(select(Facilitator).where(Facilitator.username == username)):
        raise AccountError(f"A facilitator named {username!r} already exists.")
    user = Facilitator(
        username=username, password_hash=hash_password(password), language=language,
        is_admin=is_admin,
    )
    db.session.add(user)
    db.session.commit()
    return user


def end_logins(user: Facilitator) -> None:
    """Every login cookie of this user stops working (the session and "remember me")."""
    user.login_version = (user.login_version or 0) + 1
    db.session.commit()


def change_password(user: Facilitator, password: str) -> None:
    if len(password) < 8:
        raise AccountError("The password must be at least 8 characters.")
    user.password_hash = hash_password(password)
    end_logins(user)


def authenticate(username: str, password: str) -> Facilitator | None:
    user = db.session.scalar(select(Facilitator).where(Facilitator.username == username.strip()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None
