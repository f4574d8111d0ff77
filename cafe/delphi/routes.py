import csv
import io
import secrets

import qrcode
import qrcode.image.svg
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from cafe.core import Refusal
from cafe.delphi import (
    console,
    contacts,
    labels,
    notices,
    outbox,
    progress,
    schedule,
    services,
    stopping,
)
from cafe.delphi.models import Panelist, Study
from cafe.delphi.opinion import round_opinion
from cafe.extensions import db
from cafe.team.unit import console_action, unit
from cafe.web.urls import public_base

bp = Blueprint("delphi", __name__, url_prefix="/console/delphi")


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
@console_action(None)
def index():
    if request.method == "POST":
        panels = [p.strip() for p in request.form.get("panels", "").split(",") if p.strip()]
        try:
            study = services.create_study(
                current_user, request.form.get("title", ""),
                request.form.get("language", current_user.language), panels,
                _statements(request.form.get("statements", "")))
        except Refusal as refusal:
            unit().refuse(refusal.message)
            return redirect(url_for("delphi.index"))
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
        "delphi/detail.html", study=study, current=current, latest=latest, labels=labels,
        stats=services.round_stats(study, latest) if latest else {},
        opinion=round_opinion(study, latest),
        panelist_count={p.id: db.session.scalar(select(db.func.count()).select_from(Panelist)
                                                .where(Panelist.panel_id == p.id))
                        for p in study.panels},
        charts=console.charts(study), rates=(rates := console.response_rates(study)),
        rate_chart=console.response_bars(rates),
        mail=outbox.status(study), addresses=contacts.count(study),
        mail_configured=bool(current_app.config.get("MAIL_HOST")),
        pending=[(a, schedule.shown(a.due_at, current_app.config))
                 for a in schedule.pending(study)], languages=current_app.config["LANGUAGES"],
        new_cid=lambda: secrets.token_hex(12),
        progress=progress.table(study, latest), states=progress.counts(study, latest),
        reminders=progress.reminders(study, current) if current else None,
        max_reminders=stopping.max_reminders(study),
    )


@bp.post("/<int:study_id>/panelists")
@login_required
@console_action(None)
def panelists(study_id: int):
    study = owned(study_id)
    try:
        services.add_panelists(study, int(request.form.get("panel", 0)),
                               int(request.form.get("count", 0) or 0))
    except (Refusal, ValueError) as exc:
        unit().refuse(getattr(exc, "message", _("Please give a number.")))
    return redirect(url_for("delphi.detail", study_id=study.id))


@bp.post("/<int:study_id>/rounds")
@login_required
@console_action(None)
def rounds(study_id: int):
    study = owned(study_id)
    if request.form.get("action") == "close":
        services.close_round(study)
    elif not study.statements:
        unit().refuse(_("Add statements before opening a round."))
    else:
        # Round 1 sends the invitations not yet sent, a later round a notice that it is open.
        study.link_base = public_base()[:200]
        notices.round_opened(study, services.open_round(study), study.link_base,
                             outbox._domain(current_app.config))
    return redirect(url_for("delphi.detail", study_id=study.id))


@bp.post("/<int:study_id>/synthesis")
@login_required
@console_action(None)
def synthesis(study_id: int):
    study = owned(study_id)
    if study.rounds:
        study.rounds[-1].synthesis = request.form.get("synthesis", "")[:10_000]
    return redirect(url_for("delphi.detail", study_id=study.id))


# Panelists' links are kept in clear so the facilitator can print or send them again (see
# docs/SECURITY.md): pages that show them are never kept in a browser's or proxy's cache.
NO_STORE = "private, no-store"


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
        "Content-Disposition": f'attachment; filename="delphi-{study.id}-links.csv"',
        "Cache-Control": NO_STORE})


@bp.get("/<int:study_id>/links")
@login_required
def links_print(study_id: int):
    study = owned(study_id)
    cards = []
    for panelist, link in _links(study):
        image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=6)
        cards.append((panelist, link, image.to_string(encoding="unicode")))
    response = current_app.make_response(render_template("delphi/links.html", study=study,
                                                         cards=cards))
    response.headers["Cache-Control"] = NO_STORE
    return response
