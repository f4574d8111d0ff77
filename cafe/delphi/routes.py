import csv
import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cafe.delphi import services
from cafe.delphi.models import Panelist, Study
from cafe.delphi.opinion import round_opinion
from cafe.extensions import db
from cafe.live.errors import Refusal

bp = Blueprint("delphi", __name__, url_prefix="/console/delphi")
panelist_bp = Blueprint("panelist", __name__)


def owned(study_id: int) -> Study:
    study = db.session.get(Study, study_id)
    if study is None or study.facilitator_id != current_user.id:
        abort(404)
    return study


def _statements(text: str) -> list[tuple[str, str]]:
    """One statement a line; 'Theme: statement' sets its theme (e.g. an ICAMO element)."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        theme, _sep, rest = line.partition(":") if ":" in line[:40] else ("", "", line)
        out.append((theme.strip(), (rest or line).strip()))
    return out


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    if request.method == "POST":
        panels = [p.strip() for p in request.form.get("panels", "").split(",") if p.strip()]
        try:
            study = services.create_study(
                current_user, request.form.get("title", ""),
                request.form.get("language", current_user.language), panels,
                _statements(request.form.get("statements", "")))
        except Refusal as refusal:
            flash(str(refusal.message), "error")
            return redirect(url_for("delphi.index"))
        db.session.commit()
        return redirect(url_for("delphi.detail", study_id=study.id))
    studies = db.session.scalars(select(Study).where(Study.facilitator_id == current_user.id))
    return render_template("delphi/index.html", studies=list(studies))


@bp.get("/<int:study_id>")
@login_required
def detail(study_id: int):
    study = owned(study_id)
    current = services.current_round(study)
    latest = study.rounds[-1] if study.rounds else None
    return render_template(
        "delphi/detail.html", study=study, current=current, latest=latest,
        stats=services.round_stats(study, latest) if latest else {},
        missing=services.non_responders(study, latest) if latest else {},
        opinion=round_opinion(study, latest),
        panelist_count={p.id: db.session.scalar(select(db.func.count()).select_from(Panelist)
                                                .where(Panelist.panel_id == p.id))
                        for p in study.panels},
    )


@bp.post("/<int:study_id>/panelists")
@login_required
def panelists(study_id: int):
    study = owned(study_id)
    try:
        services.add_panelists(study, int(request.form.get("panel", 0)),
                               int(request.form.get("count", 0) or 0))
    except (Refusal, ValueError) as exc:
        flash(str(getattr(exc, "message", _("Please give a number."))), "error")
    else:
        db.session.commit()
    return redirect(url_for("delphi.detail", study_id=study.id))


@bp.post("/<int:study_id>/rounds")
@login_required
def rounds(study_id: int):
    study = owned(study_id)
    if request.form.get("action") == "close":
        services.close_round(study)
    elif not study.statements:
        flash(_("Add statements before opening a round."), "error")
    else:
        services.open_round(study)
    db.session.commit()
    return redirect(url_for("delphi.detail", study_id=study.id))


@bp.post("/<int:study_id>/synthesis")
@login_required
def synthesis(study_id: int):
    study = owned(study_id)
    if study.rounds:
        study.rounds[-1].synthesis = request.form.get("synthesis", "")[:10_000]
        db.session.commit()
    return redirect(url_for("delphi.detail", study_id=study.id))


def _links(study: Study):
    rows = db.session.scalars(select(Panelist).where(Panelist.study_id == study.id)
                              .order_by(Panelist.panel_id, Panelist.id))
    base = current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")
    return [(p, f"{base}{url_for('panelist.answer', token=p.token)}") for p in rows]


@bp.get("/<int:study_id>/links.csv")
@login_required
def links_csv(study_id: int):
    study = owned(study_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["panel", "label", "language", "link"])
    for panelist, link in _links(study):
        writer.writerow([panelist.panel.name, panelist.label, panelist.language, link])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="delphi-{study.id}-links.csv"'})


@bp.get("/<int:study_id>/links")
@login_required
def links_print(study_id: int):
    import qrcode
    import qrcode.image.svg

    study = owned(study_id)
    cards = []
    for panelist, link in _links(study):
        image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=6)
        cards.append((panelist, link, image.to_string(encoding="unicode")))
    return render_template("delphi/links.html", study=study, cards=cards)


@panelist_bp.route("/d/<token>", methods=["GET", "POST"])
def answer(token: str):
    panelist = services.panelist_for(token)
    if panelist is None:
        abort(404)
    study = db.session.get(Study, panelist.study_id)
    g.cafe_locale = panelist.language
    current = services.current_round(study)
    error = None
    if request.method == "POST":
        try:
            statement_id = int(request.form.get("statement", 0))
        except ValueError:
            statement_id = 0
        try:
            _answer, replayed = services.save_answer(
                panelist, study, statement_id,
                {s: request.form.get(f"rating-{s}") for s in study.scales},
                bool(request.form.get("no_opinion")), request.form.get("argument", ""),
                request.form.get("cid", ""))
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
        from cafe.delphi.models import Answer

        answers = {a.statement_id: a for a in db.session.scalars(
            select(Answer).where(Answer.round_id == current.id,
                                 Answer.panelist_id == panelist.id))}
    feedback = services.previous_feedback(study, panelist, current) if current else {}
    return render_template("delphi/answer.html", study=study, panelist=panelist,
                           current=current, answers=answers, feedback=feedback, error=error,
                           new_cid=lambda: __import__("secrets").token_hex(12)), (
        400 if error else 200)
