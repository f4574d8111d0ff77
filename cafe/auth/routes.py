from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from cafe.auth.services import authenticate, end_logins
from cafe.web.safety import safe_next_url

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = authenticate(request.form.get("username", ""), request.form.get("password", ""))
        if user is None:
            flash(_("Unknown user name or wrong password."), "error")
            return render_template("auth/login.html"), 401
        login_user(user, remember=True)
        return redirect(safe_next_url(request.args.get("next")) or url_for("sessions.index"))
    return render_template("auth/login.html")


@bp.post("/logout")
@login_required
def logout():
    end_logins(current_user._get_current_object())  # copies of the cookies too, not just ours
    logout_user()
    return redirect(url_for("web.home"))
