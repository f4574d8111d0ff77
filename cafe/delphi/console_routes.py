"""The facilitator's Delphi e-mail, schedule, translations and deletion."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from cafe.core import Refusal
from cafe.delphi import contacts, notices, outbox, schedule, services
from cafe.delphi.erase import delete_study
from cafe.delphi.routes import bp, owned
from cafe.security.erase import forget_deleted_rows
from cafe.team.unit import console_action, unit
from cafe.web.urls import public_base


def _back(study):
    return redirect(url_for("delphi.detail", study_id=study.id) + "#mail")


def _remember_base(study) -> str:
    study.link_base = public_base()[:200]
    return study.link_base


def _domain() -> str:
    return outbox._domain(current_app.config)


@bp.post("/<int:study_id>/addresses")
@login_required
@console_action(None)
def addresses(study_id: int):
    study = owned(study_id)
    try:
        found = contacts.parse_addresses(request.form.get("addresses", ""))
        made = contacts.add_by_address(study, int(request.form.get("panel", 0) or 0),
                                       request.form.get("language", study.language), found,
                                       current_app.config["LANGUAGES"])
    except (Refusal, ValueError) as exc:
        unit().refuse(getattr(exc, "message", _("The request was not understood.")))
        return _back(study)
    _remember_base(study)
    flash(_("%(n)s panelists added.", n=len(made)), "info")
    return _back(study)


@bp.post("/<int:study_id>/addresses/delete")
@login_required
@console_action(None)
def delete_addresses(study_id: int):
    study = owned(study_id)
    count = outbox.delete_addresses(study)
    flash(_("%(n)s e-mail addresses deleted.", n=count), "info")
    return _back(study)


@bp.post("/<int:study_id>/mail")
@login_required
@console_action(None)
def send_mail(study_id: int):
    study = owned(study_id)
    base = _remember_base(study)
    if request.form.get("action") == "remind":
        current = services.current_round(study)
        if current is None:
            unit().refuse(_("No round is open."))
            return _back(study)
        # The form's id makes a double click (or a resent form) queue one reminder, not two.
        batch = "m" + "".join(c for c in request.form.get("cid", "") if c.isalnum())[:24]
        queued = notices.remind(study, current, batch, base, _domain())
    else:
        queued = notices.invite(study, base, _domain())
    flash(_("%(n)s e-mails queued.", n=queued), "info")
    return _back(study)


@bp.post("/<int:study_id>/schedule")
@login_required
@console_action(None)
def add_schedule(study_id: int):
    study = owned(study_id)
    zone = ZoneInfo(current_app.config.get("TIMEZONE") or "Europe/Brussels")
    try:
        due = datetime.fromisoformat(request.form.get("due", "")).replace(tzinfo=zone)
        schedule.add(study, request.form.get("action", ""), due)
    except ValueError:
        unit().refuse(_("Please give a date and a time."))
        return _back(study)
    _remember_base(study)
    return _back(study)


@bp.post("/<int:study_id>/schedule/<int:action_id>/cancel")
@login_required
@console_action(None)
def cancel_schedule(study_id: int, action_id: int):
    study = owned(study_id)
    schedule.cancel(study, action_id)
    return _back(study)


@bp.post("/<int:study_id>/translations")
@login_required
@console_action(None)
def translations(study_id: int):
    """One textarea per language, one line per statement in the study's order; an empty
    line keeps that statement in the study's language."""
    study = owned(study_id)
    for language in current_app.config["LANGUAGES"]:
        if language == study.language or f"text-{language}" not in request.form:
            continue
        lines = request.form.get(f"text-{language}", "").splitlines()
        for statement, line in zip(study.statements, lines + [""] * len(study.statements),
                                   strict=False):
            texts = dict(statement.translations or {})
            if line.strip():
                texts[language] = line.strip()[:2000]
            else:
                texts.pop(language, None)
            statement.translations = texts
    flash(_("Translations saved."), "info")
    return redirect(url_for("delphi.detail", study_id=study.id) + "#translations")


@bp.post("/<int:study_id>/delete")
@login_required
@console_action(None)
def delete(study_id: int):
    delete_study(owned(study_id))
    unit().after_commit(forget_deleted_rows)
    flash(_("The study, its answers and its e-mail addresses are deleted."), "info")
    return redirect(url_for("delphi.index"))
