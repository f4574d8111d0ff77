from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cafe.extensions import db
from cafe.live.errors import Refusal
from cafe.neighbourhoods import services
from cafe.neighbourhoods.models import STAKEHOLDER_LEVELS, Figure, Finding, Neighbourhood
from cafe.sessions.models import CafeSession

bp = Blueprint("neighbourhoods", __name__, url_prefix="/console/neighbourhoods")


def owned(hood_id: int) -> Neighbourhood:
    hood = db.session.get(Neighbourhood, hood_id)
    if hood is None or hood.facilitator_id != current_user.id:
        abort(404)
    return hood


def owned_session(session_id: int) -> CafeSession:
    session = db.session.get(CafeSession, session_id)
    if session is None or session.facilitator_id != current_user.id:
        abort(404)
    return session


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    if request.method == "POST":
        try:
            hood = services.create(current_user, request.form.get("name", ""),
                                   request.form.get("municipality", ""),
                                   request.form.get("description", ""))
        except Refusal as refusal:
            flash(str(refusal.message), "error")
            return redirect(url_for("neighbourhoods.index"))
        db.session.commit()
        return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))
    hoods = db.session.scalars(select(Neighbourhood)
                               .where(Neighbourhood.facilitator_id == current_user.id))
    return render_template("neighbourhoods/index.html", hoods=list(hoods))


@bp.get("/<int:hood_id>")
@login_required
def detail(hood_id: int):
    hood = owned(hood_id)
    sessions = db.session.scalars(select(CafeSession)
                                  .where(CafeSession.facilitator_id == current_user.id)
                                  .order_by(CafeSession.created_at.desc()))
    return render_template(
        "neighbourhoods/detail.html", hood=hood, data=services.analysis_data(hood),
        findings=db.session.scalars(select(Finding).where(Finding.neighbourhood_id == hood.id)
                                    .order_by(Finding.section, Finding.position)).all(),
        sessions=list(sessions), levels=STAKEHOLDER_LEVELS, studies=_studies(),
        languages=current_app.config["LANGUAGES"][:3],
    )


def _studies():
    from cafe.delphi.models import Study

    return list(db.session.scalars(select(Study).where(Study.facilitator_id == current_user.id)))


@bp.post("/<int:hood_id>/figures")
@login_required
def figures(hood_id: int):
    hood = owned(hood_id)
    upload = request.files.get("file")
    text = upload.read().decode("utf-8-sig", "replace") if upload and upload.filename else \
        request.form.get("csv", "")
    try:
        count = services.import_figures(hood, text)
    except Refusal as refusal:
        flash(str(refusal.message), "error")
        return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))
    db.session.commit()
    flash(_("%(n)s figures imported.", n=count), "info")
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))


@bp.post("/<int:hood_id>/figures/clear")
@login_required
def clear_figures(hood_id: int):
    hood = owned(hood_id)
    for figure in db.session.scalars(select(Figure).where(Figure.neighbourhood_id == hood.id)):
        db.session.delete(figure)
    db.session.commit()
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))


@bp.post("/<int:hood_id>/stakeholders")
@login_required
def stakeholders(hood_id: int):
    hood = owned(hood_id)
    try:
        services.add_stakeholder(hood, request.form.get("name", ""),
                                 request.form.get("kind", ""), request.form.get("level", ""))
    except Refusal as refusal:
        flash(str(refusal.message), "error")
    else:
        db.session.commit()
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))


@bp.post("/<int:hood_id>/findings/<int:finding_id>/delete")
@login_required
def delete_finding(hood_id: int, finding_id: int):
    hood = owned(hood_id)
    finding = db.session.get(Finding, finding_id)
    if finding is None or finding.neighbourhood_id != hood.id:
        abort(404)
    db.session.delete(finding)
    db.session.commit()
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))


@bp.route("/<int:hood_id>/export/<int:session_id>", methods=["GET", "POST"])
@login_required
def export(hood_id: int, session_id: int):
    """The facilitator picks what of a session goes into the analysis and edits its wording."""
    hood, session = owned(hood_id), owned_session(session_id)
    candidates = services.candidates(session)
    if request.method == "POST":
        chosen = {c["key"]: request.form.get(f"text-{c['key']}", c["text"])
                  for c in candidates if request.form.get(f"use-{c['key']}")}
        count = services.export_session(hood, session, chosen)
        db.session.commit()
        flash(_("%(n)s findings added to the analysis.", n=count), "info")
        return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))
    return render_template("neighbourhoods/export.html", hood=hood, session=session,
                           candidates=candidates)


@bp.post("/<int:hood_id>/delphi/<int:study_id>")
@login_required
def add_delphi(hood_id: int, study_id: int):
    """A Delphi study's consensus, dissent and undecided statements go into the analysis."""
    from cafe.delphi.models import Study
    from cafe.delphi.services import summary

    hood = owned(hood_id)
    study = db.session.get(Study, study_id)
    if study is None or study.facilitator_id != current_user.id:
        abort(404)
    result = summary(study)
    label = f"{study.title}, Delphi {_('round %(n)s', n=result['round'] or 0)}"
    count = services.export_delphi(hood, result, label, f"d{study.id}")
    study.neighbourhood_id = hood.id
    db.session.commit()
    flash(_("%(n)s findings added to the analysis.", n=count), "info")
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id))


@bp.get("/<int:hood_id>/report.<fmt>")
@login_required
def report(hood_id: int, fmt: str):
    from cafe.reports.build import FORMATS, report_file

    hood = owned(hood_id)
    if fmt not in FORMATS:
        abort(404)
    language = request.args.get("lang", current_user.language)
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["DEFAULT_LANGUAGE"]
    body = report_file(hood, fmt, language)
    safe_name = "".join(ch if ch.isalnum() else "-" for ch in hood.name)[:60] or "buurt"
    return Response(body, mimetype=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="buurtanalyse-{safe_name}.{fmt}"'})
