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

        return db.session.get(models.Facilitator, int(user_id))
