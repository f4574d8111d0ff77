"""The panelist's way out: the one-click stop link of every e-mail (RFC 8058) and withdrawing
from the study on their own page."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cafe.delphi import stopping
from cafe.delphi.models import Study
from cafe.delphi.panelist_routes import _load, panelist_bp
from cafe.extensions import csrf, db


def _stop_page(token: str, done: bool):
    panelist = stopping.panelist_of(current_app.secret_key, token)
    if panelist is None:
        abort(404)
    g.cafe_locale = panelist.language
    study = db.session.get(Study, panelist.study_id)
    if done:
        stopping.stop_mail(panelist)
        db.session.commit()
    response = current_app.make_response(render_template(
        "delphi/stop.html", study=study, token=token,
        stopped=done or stopping.stopped(panelist)))
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@panelist_bp.get("/d/stop/<token>")
def stop_page(token: str):
    """A link opened (or fetched by a mail scanner) stops nothing: it asks."""
    return _stop_page(token, done=False)


# The mail program's one-click POST (body "List-Unsubscribe=One-Click") has no form token;
# the signed link is the proof, and all it can do is stop this panelist's mail.
@csrf.exempt
@panelist_bp.post("/d/stop/<token>")
def stop(token: str):
    return _stop_page(token, done=True)


@panelist_bp.post("/d/<token>/withdraw")
def withdraw(token: str):
    panelist, _study = _load(token)
    if request.form.get("action") == "rejoin":
        stopping.rejoin(panelist)
        message = _("You take part again. You get no e-mail from this study any more; use "
                    "this link to answer.")
    else:
        stopping.withdraw(panelist)
        message = _("You have withdrawn from this study: you get no more e-mails and cannot "
                    "answer any more. The answers you gave stay, as anonymous as everyone’s.")
    db.session.commit()
    flash(message, "info")
    return redirect(url_for("panelist.answer", token=token))
