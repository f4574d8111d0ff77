"""Facilitator accounts: the people who prepare and run sessions."""


def init_app(app):
    from cafe.auth import models  # noqa: F401
    from cafe.auth.routes import bp
    from cafe.extensions import login_manager

    app.register_blueprint(bp)
    login_manager.login_view = "auth.login"

    @login_manager.user_loader
    def load_user(user_id: str):
        from cafe.extensions import db

        ident, _sep, version = str(user_id).partition(":")
        if not (ident.isdigit() and version.isdigit()):
            return None  # a cookie from before login versions, or forged: log in again
        user = db.session.get(models.Facilitator, int(ident))
        if user is None or (user.login_version or 0) != int(version):
            return None  # logged out or password changed since this cookie was issued
        return user
