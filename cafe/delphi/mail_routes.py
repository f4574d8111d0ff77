"""The facilitator's e-mail choices: the invitation's and reminder's words per language (with
a preview before saving) and the most reminders a round sends."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from cafe.core import Refusal
from cafe.delphi import mail_texts, services, stopping
from cafe.delphi.models import Contact
from cafe.delphi.routes import bp, owned
from cafe.extensions import db
from cafe.team.unit import console_action, unit


def _submitted(languages) -> dict[tuple[str, str], str]:
    return {(kind, lang): request.form.get(f"text-{kind}-{lang}", "")
            for kind in mail_texts.EDITABLE for lang in languages}


def _previews(study, texts: dict, languages) -> list[dict]:
    """Each kind in each language as a panelist would read it (a sample link)."""
    current = services.current_round(study)
    name = db.session.scalar(select(Contact.name).where(Contact.study_id == study.id,
                                                        Contact.name != "").limit(1)) or ""
    out = []
    for kind in mail_texts.EDITABLE:
        for lang in languages:
            with force_locale(lang):
                words = (texts.get(kind) or {}).get(lang) or mail_texts.default_paragraph(
                    kind, study.title, current.number if current else None)
                out.append({"kind": kind, "language": lang,
                            "subject": mail_texts.subject(kind, study.title),
                            "body": mail_texts.body(kind, study, words, name,
                                                    "https://…/d/…", "https://…/d/stop/…",
                                                    None)})
    return out


@bp.route("/<int:study_id>/mail-texts", methods=["GET", "POST"])
@login_required
@console_action(None)
def mail_texts_page(study_id: int):
    study = owned(study_id)
    languages = current_app.config["LANGUAGES"]
    texts = (study.mail_settings or {}).get("texts") or {}
    previews, status = None, 200
    if request.method == "POST":
        submitted = _submitted(languages)
        try:
            texts = mail_texts.cleaned(submitted)
        except Refusal as refusal:  # shown again as typed; nothing stored
            flash(str(refusal.message), "error")
            texts, status = {}, 400
            for (kind, lang), text in submitted.items():
                texts.setdefault(kind, {})[lang] = text
        else:
            if request.form.get("action") == "save":
                mail_texts.save(study, texts)
                flash(_("The e-mail texts are saved."), "info")
                return redirect(url_for("delphi.mail_texts_page", study_id=study.id))
            previews = _previews(study, texts, languages)
    defaults = {}
    for lang in languages:
        with force_locale(lang):
            for kind in mail_texts.EDITABLE:
                defaults[(kind, lang)] = mail_texts.default_paragraph(kind, study.title, None)
    return render_template("delphi/mail_texts.html", study=study, languages=languages,
                           texts=texts, defaults=defaults, previews=previews), status


@bp.post("/<int:study_id>/mail-settings")
@login_required
@console_action(None)
def mail_settings(study_id: int):
    study = owned(study_id)
    try:
        stopping.set_max_reminders(study, int(request.form.get("max_reminders", "")))
    except ValueError:
        unit().refuse(_("Give a number of reminders from 0 to %(n)s.",
                        n=stopping.MAX_REMINDERS_LIMIT))
        return redirect(url_for("delphi.detail", study_id=study.id) + "#mail")
    flash(_("Saved."), "info")
    return redirect(url_for("delphi.detail", study_id=study.id) + "#mail")
