"""The plan library pages: list, save a session's agenda, export and import TOML files."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cafe.core import Refusal
from cafe.library import services
from cafe.library.toml_io import plan_content, to_toml
from cafe.team.unit import console_action, unit

bp = Blueprint("library", __name__)


def _page(status=200, text="", error="", same_title=False):
    """The library; an import's error beside the import form, or the choice a plan with the
    same title asks for (its text kept in the form)."""
    return render_template("library/index.html", plans=services.catalogue(current_user),
                           text=text, import_error=error, same_title=same_title), status


@bp.get("/console/plans")
@login_required
def index():
    return _page()


def _toml_download(filename: str, text: str) -> Response:
    response = Response(text, mimetype="application/toml")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/console/plans/<key>/export")
@login_required
def export(key: str):
    found = services.export_text(current_user, key)
    if found is None:
        abort(404)
    return _toml_download(*found)


@bp.post("/console/plans/import")
@login_required
@console_action(None)
def import_plan():
    upload = request.files.get("file")
    raw = upload.read(services.MAX_PLAN_BYTES + 1) if upload and upload.filename else b""
    try:
        text = raw.decode("utf-8") if raw else request.form.get("text", "")
    except UnicodeDecodeError:
        text = None
    try:
        if text is None:
            raise Refusal("invalid", _("The file is not a text file (UTF-8)."))
        if not text.strip():
            raise Refusal("invalid", _("Choose a plan file first."))
        if request.form.get("same_title") == "cancel":
            flash(_("Nothing was imported."), "info")
            return redirect(url_for("library.index"))
        row = services.import_plan(current_user, text, request.form.get("shared") == "1",
                                   request.form.get("same_title", ""))
    except Refusal as refusal:
        unit().refuse()  # the message goes beside the import form, not at the page's top
        return _page(409 if refusal.code == "same_title" else 400, text or "",
                     str(refusal.message), same_title=refusal.code == "same_title")
    flash(_("The plan “%(title)s” is in the library.", title=row.title), "info")
    return redirect(url_for("library.index", _anchor=f"plan-saved-{row.id}"))


@bp.post("/console/plans/<key>/copy")
@login_required
@console_action(None)
def copy(key: str):
    try:
        row = services.copy(current_user, key)
    except Refusal as refusal:
        unit().refuse(refusal.message)
        return redirect(url_for("library.index"))
    if row is None:
        abort(404)
    flash(_("The plan “%(title)s” is in the library.", title=row.title), "info")
    return redirect(url_for("library.index", _anchor=f"plan-saved-{row.id}"))


@bp.post("/console/plans/<int:plan_id>/delete")
@login_required
@console_action(None)
def delete(plan_id: int):
    row = services.saved_plan(current_user, plan_id, mine=True)
    if row is None:
        abort(404)
    services.delete(row)
    flash(_("The plan was deleted."), "info")
    return redirect(url_for("library.index"))


@bp.post("/console/sessions/<int:session_id>/save-plan")
@login_required
@console_action("run")
def save_session(session):
    try:
        row = services.save_session(current_user, session, request.form.get("title", ""),
                                    request.form.get("description", ""),
                                    request.form.get("shared") == "1")
    except Refusal as refusal:
        unit().refuse(refusal.message)
        return redirect(url_for("editor.agenda", session_id=session.id, _anchor="save-plan"))
    flash(_("The plan “%(title)s” is in the library.", title=row.title), "info")
    return redirect(url_for("library.index", _anchor=f"plan-saved-{row.id}"))


@bp.get("/console/sessions/<int:session_id>/plan.toml")
@login_required
@console_action("run")
def export_session(session):
    return _toml_download(services.file_name(session.title),
                          to_toml(plan_content(session, session.title)))
