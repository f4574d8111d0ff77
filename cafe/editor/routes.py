"""The agenda editor's pages: plain forms (work without JavaScript); reordering also answers
JSON so the page can move an item in place and keep the keyboard focus."""

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
from flask_login import current_user, login_required

from cafe.activities import registry
from cafe.activities.canvas import templates as canvas_templates
from cafe.core import Refusal
from cafe.domain.texts import versions
from cafe.editor import fields, services
from cafe.editor.errors import field_messages
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.team.unit import console_action, unit

bp = Blueprint("editor", __name__, url_prefix="/console/sessions/<int:session_id>")


def _activity(session, activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.session_id != session.id:
        abort(404)
    return activity


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _template_options() -> list[tuple[str, str]]:
    language = str(g.get("cafe_locale") or getattr(current_user, "language", "nl"))
    out = []
    for key in canvas_templates.available():
        try:
            name = canvas_templates.text_in(canvas_templates.get(key).name, language)
        except canvas_templates.TemplateError:
            continue
        out.append((key, name))
    return out


def _texts_from_form(name: str, languages: list[str]) -> dict[str, str]:
    return {lang: request.form.get(f"{name}-{lang}", "") for lang in languages}


def _agenda_page(session, titles=None, title_errors=None, status=200):
    kinds = registry.all_kinds()
    return render_template(
        "editor/agenda.html", session=session, kinds=kinds,
        languages=services.content_languages(session),
        all_languages=current_app.config["LANGUAGES"],
        contributions={a.id: kinds[a.kind].contributions(a) if a.kind in kinds else 0
                       for a in session.activities},
        focus=request.args.get("focus", ""),
        titles=titles if titles is not None else versions(session.text("title"),
                                                          session.language),
        title_errors=title_errors or {},
    ), status


@bp.get("/agenda")
@login_required
@console_action("run")
def agenda(session):
    return _agenda_page(session)


@bp.post("/agenda/title")
@login_required
@console_action("run")
def title(session):
    submitted = _texts_from_form("title", services.content_languages(session))
    try:
        changes = services.set_title(session, submitted)
    except Refusal as refusal:
        unit().refuse()
        # The page again with what was typed: nothing stored changed, nothing typed is lost.
        field = refusal.details.get("field", "")
        return _agenda_page(session, submitted, {field: str(refusal.message)}, 400)
    unit().publish(changes)  # consoles of the session see the new agenda
    flash(_("The title was saved."), "info")
    return redirect(url_for("editor.agenda", session_id=session.id))


@bp.post("/agenda/languages")
@login_required
@console_action("run")
def languages(session):
    unit().publish(services.set_languages(session, request.form.getlist("languages"),
                                   current_app.config["LANGUAGES"]))
    flash(_("The content languages were saved."), "info")
    return redirect(url_for("editor.agenda", session_id=session.id))


def _form_page(session, kind, activity=None, values=None, errors=None, status=200):
    languages = services.content_languages(session)
    settings = values["settings"] if values else (activity.settings if activity else {})
    return render_template(
        "editor/activity.html", session=session, kind=kind, activity=activity,
        languages=languages,
        title=values["title"] if values else _versions(activity, "title", session),
        prompt=values["prompt"] if values else _versions(activity, "prompt", session),
        widgets=fields.widgets(kind, settings, _template_options()),
        errors=errors or {},
    ), status


def _versions(activity, name, session) -> dict:
    return versions(activity.text(name), session.language) if activity else {}


def _submitted(session, kind, current_settings):
    languages = services.content_languages(session)
    return {
        "title": _texts_from_form("title", languages),
        "prompt": _texts_from_form("prompt", languages),
        "settings": fields.settings_from_form(kind, request.form, languages, current_settings),
    }


def _save(session, kind, activity):
    values = _submitted(session, kind, activity.settings if activity else {})
    title = {k: v for k, v in values["title"].items() if v.strip()}
    prompt = {k: v for k, v in values["prompt"].items() if v.strip()} or ""
    try:
        if activity is None:
            activity, changes = services.add(session, kind.name, title, prompt,
                                             values["settings"], user=current_user)
        else:
            changes = services.update(activity, title, prompt, values["settings"],
                                      user=current_user)
    except services.Invalid as invalid:
        unit().refuse()
        errors = field_messages(invalid.error, invalid.part)
        return _form_page(session, kind, activity, values, errors, 400)
    except Refusal as refusal:
        unit().refuse()
        field = refusal.details.get("field", "")
        return _form_page(session, kind, activity, values, {field: str(refusal.message)}, 400)
    unit().publish(changes)
    flash(_("Saved: %(title)s", title=activity.title), "info")
    return redirect(url_for("editor.agenda", session_id=session.id, focus=f"a{activity.id}")
                    + f"#activity-{activity.id}")


@bp.route("/agenda/new/<kind_name>", methods=["GET", "POST"])
@login_required
@console_action("run")
def new(session, kind_name: str):
    kind = registry.get(kind_name) or abort(404)
    if request.method == "POST":
        return _save(session, kind, None)
    return _form_page(session, kind)


@bp.route("/agenda/<int:activity_id>", methods=["GET", "POST"])
@login_required
@console_action("run")
def edit(session, activity_id: int):
    activity = _activity(session, activity_id)
    kind = registry.get(activity.kind) or abort(404)
    if request.method == "POST":
        return _save(session, kind, activity)
    return _form_page(session, kind, activity)


@bp.post("/agenda/<int:activity_id>/move")
@login_required
@console_action("run")
def move(session, activity_id: int):
    activity = _activity(session, activity_id)
    direction = request.form.get("direction")
    if direction == "up":
        to = activity.position - 1
    elif direction == "down":
        to = activity.position + 1
    else:
        try:
            to = int(request.form.get("to", "")) - 1
        except ValueError:
            to = activity.position
    unit().publish(services.move(activity, to))
    message = _("%(title)s is now number %(n)s of %(total)s.", title=activity.title,
                n=activity.position + 1, total=len(session.activities))
    if _wants_json():
        return jsonify(ok=True, message=message, order=[a.id for a in session.activities])
    flash(message, "info")
    return redirect(url_for("editor.agenda", session_id=session.id,
                            focus=f"{direction or 'a'}{activity.id}") + f"#activity-{activity.id}")


@bp.post("/agenda/<int:activity_id>/duplicate")
@login_required
@console_action("run")
def duplicate(session, activity_id: int):
    activity = _activity(session, activity_id)
    try:
        copy, changes = services.duplicate(activity)
    except (Refusal, services.Invalid) as exc:
        unit().refuse(getattr(exc, "message", exc))
        return redirect(url_for("editor.agenda", session_id=session.id))
    unit().publish(changes)
    flash(_("Duplicated: %(title)s", title=copy.title), "info")
    return redirect(url_for("editor.agenda", session_id=session.id, focus=f"a{copy.id}")
                    + f"#activity-{copy.id}")


@bp.post("/agenda/<int:activity_id>/delete")
@login_required
@console_action("run")
def delete(session, activity_id: int):
    activity = _activity(session, activity_id)
    title = activity.title
    try:
        changes = services.delete(activity, confirmed=request.form.get("confirm") == "yes")
    except Refusal as refusal:
        unit().refuse()
        if _wants_json():
            return jsonify(refusal.ack()), 409
        flash(str(refusal.message), "error")
        return redirect(url_for("editor.agenda", session_id=session.id)), 303
    unit().publish(changes)
    if _wants_json():
        return jsonify(ok=True)
    flash(_("Deleted: %(title)s", title=title), "info")
    return redirect(url_for("editor.agenda", session_id=session.id))


@bp.post("/copy")
@login_required
@console_action("run")
def copy_session(session):
    session = services.copy_session(session, current_user)
    flash(_("A new session with the same agenda, without contributions."), "info")
    return redirect(url_for("editor.agenda", session_id=session.id))
