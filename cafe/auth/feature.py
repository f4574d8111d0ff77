"""Facilitator accounts in the app: the login routes and how a login cookie finds its user."""

from flask import Flask

from cafe.auth.models import Facilitator
from cafe.auth.routes import bp
from cafe.extensions import db, login_manager


def load_user(user_id: str):
    ident, _sep, version = str(user_id).partition(":")
    if not (ident.isdigit() and version.isdigit()):
        return None  # a cookie from before login versions, or forged: log in again
    user = db.session.get(Facilitator, int(ident))
    if user is None or (user.login_version or 0) != int(version):
        return None  # logged out or password changed since this cookie was issued
    return user


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    login_manager.login_view = "auth.login"
    login_manager.user_loader(load_user)
