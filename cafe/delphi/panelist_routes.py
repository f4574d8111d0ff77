"""The panelist's page: their personal link, answers saved as they are chosen."""

import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from cafe.core import Refusal
from cafe.delphi import labels, schedule, services
from cafe.delphi.models import Answer, Panelist, Study
from cafe.extensions import db

panelist_bp = Blueprint("panelist", __name__)


def _load(token: str) -> tuple[Panelist, Study]:
    panelist = services.panelist_for(token)
    if panelist is None:
        abort(404)
    g.cafe_locale = panelist.language
    return panelist, db.session.get(Study, panelist.study_id)


def _save(panelist: Panelist, study: Study, form) -> tuple[int, bool]:
    try:
        statement_id = int(form.get("statement", 0))
    except (TypeError, ValueError):
        statement_id = 0
    ratings = form.get("ratings")
    if not isinstance(ratings, dict):
        ratings = {s: form.get(f"rating-{s}") for s in study.scales}
    _answer, replayed = services.save_answer(
        panelist, study, statement_id, ratings, bool(form.get("no_opinion")),
        str(form.get("argument") or ""), str(form.get("cid") or ""),
        str(form.get("stance") or ""))
    return statement_id, replayed


@panelist_bp.route("/d/<token>", methods=["GET", "POST"])
def answer(token: str):
    panelist, study = _load(token)
    current = services.current_round(study)
    error = None
    if request.method == "POST":
        try:
            statement_id, replayed = _save(panelist, study, request.form)
        except Refusal as refusal:
            db.session.rollback()
            error = str(refusal.message)
        else:
            db.session.commit()
            flash(_("This answer was already saved.") if replayed else _("Your answer is saved."),
                  "info")
            return redirect(url_for("panelist.answer", token=token) + f"#s{statement_id}")
    answers = {}
    if current is not None:
        answers = {a.statement_id: a for a in db.session.scalars(
            select(Answer).where(Answer.round_id == current.id,
                                 Answer.panelist_id == panelist.id))}
    feedback = services.previous_feedback(study, panelist, current) if current else {}
    return render_template(
        "delphi/answer.html", study=study, panelist=panelist, current=current,
        answers=answers, feedback=feedback, error=error, labels=labels,
        text_of=lambda s: services.statement_text(s, study, panelist.language),
        answered=services.answered_count(study, current, panelist),
        languages=current_app.config["LANGUAGES"],
        new_cid=lambda: secrets.token_hex(12)), (400 if error else 200)


@panelist_bp.post("/d/<token>/answer")
def answer_json(token: str):
    """What the page's script posts each time a choice changes; the form above is the same
    thing without JavaScript."""
    panelist, study = _load(token)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(ok=False, error="invalid",
                       message=_("The request was not understood.")), 400
    try:
        _statement, replayed = _save(panelist, study, body)
    except Refusal as refusal:
        db.session.rollback()
        return jsonify(ok=False, error=refusal.code, message=str(refusal.message)), 400
    db.session.commit()
    current = services.current_round(study)
    return jsonify(ok=True, replayed=replayed, total=len(study.statements),
                   answered=services.answered_count(study, current, panelist))


@panelist_bp.post("/d/<token>/language")
def language(token: str):
    panelist, _study = _load(token)
    chosen = request.form.get("language", "")
    if chosen in current_app.config["LANGUAGES"]:
        panelist.language = chosen
        db.session.commit()
    return redirect(url_for("panelist.answer", token=token))


@panelist_bp.get("/d/<token>/done")
def done(token: str):
    panelist, study = _load(token)
    current = services.current_round(study)
    closes = next((a.due_at for a in schedule.pending(study) if a.action == "close"), None)
    return render_template(
        "delphi/done.html", study=study, panelist=panelist, current=current,
        closes=schedule.shown(closes, current_app.config) if closes else None,
        answered=services.answered_count(study, current, panelist),
        total=len(study.statements))
