"""The facilitator's pages for a neighbourhood analysis, under /console/neighbourhoods/."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cafe.core import Refusal
from cafe.delphi.models import Study
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.extensions import db
from cafe.neighbourhoods import export, services
from cafe.neighbourhoods.models import (
    FINDING_SECTIONS,
    MANUAL_SECTIONS,
    STAKEHOLDER_LEVELS,
    Figure,
    Finding,
    Neighbourhood,
    Stakeholder,
)
from cafe.reports.labels import report_labels
from cafe.team.permissions import ACTIONS, sessions_of
from cafe.team.unit import console_action, unit

bp = Blueprint("neighbourhoods", __name__, url_prefix="/console/neighbourhoods")
MAX_CSV_BYTES = 1_000_000


def owned(hood_id: int) -> Neighbourhood:
    hood = db.session.get(Neighbourhood, hood_id)
    if hood is None or hood.facilitator_id != current_user.id:
        abort(404)
    return hood


def owned_study(study_id: int):
    study = db.session.get(Study, study_id)
    if study is None or study.facilitator_id != current_user.id:
        abort(404)
    return study


def my_studies() -> list:
    return list(db.session.scalars(select(Study).where(Study.facilitator_id == current_user.id)
                                   .order_by(Study.created_at.desc())))


def back(hood: Neighbourhood, anchor: str = ""):
    return redirect(url_for("neighbourhoods.detail", hood_id=hood.id) + anchor)


def attempt(hood: Neighbourhood, anchor: str, action, done: str | None = None):
    """Run a service in the request's unit of work (cafe.team.unit), which commits; or show
    its refusal. Either way back to the page."""
    try:
        action()
    except Refusal as refusal:
        unit().refuse(refusal.message)
    else:
        if done:
            flash(done, "info")
    return back(hood, anchor)


@bp.route("/", methods=["GET", "POST"])
@login_required
@console_action(None)
def index():
    if request.method == "POST":
        form = request.form
        try:
            hood = services.create(current_user, form.get("name", ""),
                                   form.get("municipality", ""), form.get("description", ""))
        except Refusal as refusal:
            unit().refuse(refusal.message)
            return redirect(url_for("neighbourhoods.index"))
        return back(hood)
    hoods = db.session.scalars(select(Neighbourhood)
                               .where(Neighbourhood.facilitator_id == current_user.id)
                               .order_by(Neighbourhood.name))
    return render_template("neighbourhoods/index.html", hoods=list(hoods))


@bp.get("/<int:hood_id>")
@login_required
def detail(hood_id: int):
    hood = owned(hood_id)
    # Sessions whose results this facilitator may take into the analysis (own, co-facilitated).
    sessions = [s for s, role in sessions_of(current_user) if role in ACTIONS["results"]]
    return render_template(
        "neighbourhoods/detail.html", hood=hood, findings=_by_section(services.findings(hood)),
        figures=db.session.scalars(select(Figure).where(Figure.neighbourhood_id == hood.id)
                                   .order_by(Figure.id)).all(),
        stakeholders=db.session.scalars(select(Stakeholder)
                                        .where(Stakeholder.neighbourhood_id == hood.id)
                                        .order_by(Stakeholder.id)).all(),
        sessions=list(sessions), studies=my_studies(), levels=STAKEHOLDER_LEVELS,
        manual_sections=MANUAL_SECTIONS, blocks=BUILDING_BLOCKS, labels=report_labels(),
        exported=_exported(hood),
        # The report's words exist in these; an Arabic report is set right to left.
        languages=[lang for lang in current_app.config["LANGUAGES"]
                   if lang in ("nl", "fr", "en", "ar")],
    )


def _by_section(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """In the report's order: experience first, participation last."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.section, []).append(finding)
    order = {section: n for n, section in enumerate(FINDING_SECTIONS)}
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


def _exported(hood: Neighbourhood) -> dict[str, int]:
    """Findings per source ("s3", "d1"), to show which sessions are in the analysis already."""
    counts: dict[str, int] = {}
    for key in db.session.scalars(select(Finding.source_key)
                                  .where(Finding.neighbourhood_id == hood.id)):
        source = key.split(":")[0]
        counts[source] = counts.get(source, 0) + 1
    return counts


@bp.post("/<int:hood_id>/edit")
@login_required
@console_action(None)
def edit(hood_id: int):
    hood, form = owned(hood_id), request.form
    return attempt(hood, "", lambda: services.update(
        hood, form.get("name", ""), form.get("municipality", ""), form.get("description", "")),
        _("Saved."))


@bp.post("/<int:hood_id>/figures")
@login_required
@console_action(None)
def figures(hood_id: int):
    hood = owned(hood_id)
    upload = request.files.get("file")
    if upload and upload.filename:
        raw = upload.read(MAX_CSV_BYTES + 1)
        if len(raw) > MAX_CSV_BYTES:
            flash(_("The file is too large (at most 1 MB)."), "error")
            return back(hood, "#figures")
        text = _decode(raw)
    else:
        text = request.form.get("csv", "")[:MAX_CSV_BYTES]
    counted = {}

    def run():
        counted["n"] = services.import_figures(hood, text)

    response = attempt(hood, "#figures", run)
    if "n" in counted:
        flash(_("%(n)s figures imported.", n=counted["n"]), "info")
    return response


def _decode(raw: bytes) -> str:
    """UTF-8 as most sites export; Excel on Windows still saves CSV as cp1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


@bp.post("/<int:hood_id>/figures/clear")
@login_required
@console_action(None)
def clear_figures(hood_id: int):
    hood = owned(hood_id)
    return attempt(hood, "#figures", lambda: services.clear_figures(hood))


@bp.post("/<int:hood_id>/figures/<int:figure_id>/delete")
@login_required
@console_action(None)
def delete_figure(hood_id: int, figure_id: int):
    hood = owned(hood_id)
    return attempt(hood, "#figures", lambda: db.session.delete(
        services.owned_row(Figure, hood, figure_id)))


@bp.post("/<int:hood_id>/stakeholders")
@login_required
@console_action(None)
def stakeholders(hood_id: int):
    hood, form = owned(hood_id), request.form
    return attempt(hood, "#stakeholders", lambda: services.add_stakeholder(
        hood, form.get("name", ""), form.get("type", ""), form.get("level", "")))


@bp.post("/<int:hood_id>/stakeholders/<int:person_id>/delete")
@login_required
@console_action(None)
def delete_stakeholder(hood_id: int, person_id: int):
    hood = owned(hood_id)
    return attempt(hood, "#stakeholders", lambda: db.session.delete(
        services.owned_row(Stakeholder, hood, person_id)))


@bp.post("/<int:hood_id>/findings")
@login_required
@console_action(None)
def add_finding(hood_id: int):
    hood, form = owned(hood_id), request.form
    return attempt(hood, "#findings", lambda: services.add_finding(
        hood, form.get("section", ""), form.get("text", ""), form.get("block") or None))


@bp.post("/<int:hood_id>/findings/<int:finding_id>")
@login_required
@console_action(None)
def edit_finding(hood_id: int, finding_id: int):
    hood = owned(hood_id)
    return attempt(hood, "#findings", lambda: services.edit_finding(
        services.owned_row(Finding, hood, finding_id), request.form.get("text", "")))


@bp.post("/<int:hood_id>/findings/<int:finding_id>/delete")
@login_required
@console_action(None)
def delete_finding(hood_id: int, finding_id: int):
    hood = owned(hood_id)
    return attempt(hood, "#findings", lambda: db.session.delete(
        services.owned_row(Finding, hood, finding_id)))


def _chosen(candidates: list[dict]) -> dict[str, str]:
    return {c["key"]: request.form.get(f"text-{c['key']}", c["text"])
            for c in candidates if request.form.get(f"use-{c['key']}")}


def _choose(hood, source, candidates, action, kind: str):
    if request.method == "POST":
        count = action(_chosen(candidates))
        flash(_("The analysis now holds %(n)s findings from this source.", n=count), "info")
        return back(hood, "#findings")
    texts = export.existing_texts(hood, candidates)
    return render_template("neighbourhoods/export.html", hood=hood, source=source, kind=kind,
                           candidates=candidates, texts=texts, labels=report_labels(),
                           kind_groups=export.kind_groups())


@bp.route("/<int:hood_id>/export/<int:session_id>", methods=["GET", "POST"])
@login_required
@console_action("results")
def export_session(hood_id: int, session):
    """The facilitator picks what of a session goes into the analysis and edits its wording."""
    hood = owned(hood_id)
    candidates = export.session_candidates(session)
    return _choose(hood, session, candidates,
                   lambda chosen: export.export_session(hood, session, chosen), "session")


@bp.route("/<int:hood_id>/delphi/<int:study_id>", methods=["GET", "POST"])
@login_required
@console_action(None)
def export_study(hood_id: int, study_id: int):
    hood, study = owned(hood_id), owned_study(study_id)
    summary = export.delphi_summary(study)
    candidates = export.study_candidates(study, summary)
    return _choose(hood, study, candidates,
                   lambda chosen: export.export_study(hood, study, chosen, summary), "delphi")


@bp.route("/for-session/<int:session_id>", methods=["GET", "POST"])
@login_required
@console_action("results")
def for_session(session):
    """From the session console: go to the session's neighbourhood, or choose or create one."""
    if request.method == "POST":
        hood_id = request.form.get("hood", type=int)
        if hood_id:
            hood = owned(hood_id)
        else:
            try:
                hood = services.create(current_user, request.form.get("name", ""))
            except Refusal as refusal:
                unit().refuse(refusal.message)
                return redirect(url_for("neighbourhoods.for_session", session_id=session.id))
        session.neighbourhood_id = hood.id
        return redirect(url_for("neighbourhoods.export_session", hood_id=hood.id,
                                session_id=session.id))
    if session.neighbourhood_id and request.args.get("change") is None:
        hood = db.session.get(Neighbourhood, session.neighbourhood_id)
        if hood is not None and hood.facilitator_id == current_user.id:
            return redirect(url_for("neighbourhoods.export_session", hood_id=hood.id,
                                    session_id=session.id))
    hoods = db.session.scalars(select(Neighbourhood)
                               .where(Neighbourhood.facilitator_id == current_user.id)
                               .order_by(Neighbourhood.name)).all()
    return render_template("neighbourhoods/link.html", session=session, hoods=hoods)
