"""The editor's preview: the real phone or projector page of one activity, fed with its data
instead of a connection, in any content language, showing what the editor's form holds now
(texts and settings) before it is saved. Nothing of a preview is ever stored."""

from flask import abort, current_app, g, make_response, render_template, request
from flask_login import login_required
from pydantic import ValidationError

from cafe.activities import registry
from cafe.domain.texts import language_of, localized
from cafe.editor import fields, services
from cafe.editor.routes import _activity, bp
from cafe.extensions import db
from cafe.sessions.views import activity_view, session_header
from cafe.team.unit import console_action, unit
from cafe.web.headers import CSP
from cafe.web.urls import join_url

# What the preview takes from the editor's form while she types (nothing is stored).
PREVIEW_TEXT_LIMIT = 5000


def typed_settings(kind, activity, form, languages: list[str]) -> dict:
    """The settings as the form holds them, each field that does not validate yet (a number
    half typed) kept as stored: the preview follows every other field meanwhile."""
    stored = dict(activity.settings or {})
    typed = fields.settings_from_form(kind, form, languages, stored)

    def valid(candidate):
        try:
            return kind.Settings.model_validate(candidate, context={"plan": True}).model_dump(
                mode="json")
        except ValidationError:
            return None

    whole = valid(typed)
    if whole is not None:
        return whole
    good = valid(stored) or stored
    waiting = dict(typed)
    # Fields that need each other (a canvas per group and the groups' names) come in on a
    # later pass, once the other is in.
    while waiting:
        taken = {}
        for name, value in waiting.items():
            candidate = valid({**good, name: value})
            if candidate is not None:
                good, taken[name] = candidate, value
        if not taken:
            break
        waiting = {k: v for k, v in waiting.items() if k not in taken}
    return good


def _versions(activity, name: str, language: str, languages: list[str], typed):
    """`name` (title, prompt) as the form holds it: the POSTed form's fields (`title-fr`…),
    or `?title=` (in the preview's language) for a link; else as stored."""
    if any(f"{name}-{lang}" in typed for lang in languages):
        return {lang: typed.get(f"{name}-{lang}", "") for lang in languages}
    if typed.get(name) is not None:
        return {language: typed[name]}
    return activity.text(name)


def preview_state(session, activity, audience: str, language: str, typed) -> dict:
    """The state the page renders. The activity gets the typed settings and the status it
    has while it runs, the session the preview's language, in memory only: the kinds' views
    then show the form's settings with their texts (a round's question, a canvas's boxes) in
    that language. The caller forgets all of it (rollback) before anything could be written."""
    kind = registry.get(activity.kind)
    languages = services.content_languages(session)
    base = session.language
    if kind is not None and request.method == "POST":
        activity.settings = typed_settings(kind, activity, typed, languages)
    session.language = language
    if activity.status == "pending":
        activity.status = "open"  # what people see while it runs, not "not open yet"
    view = activity_view(activity, audience)
    private = {}
    if kind is not None:
        view["data"], private = kind.preview(activity, audience)
    view.pop("texts", None)
    for name in ("title", "prompt"):
        # A version missing in the preview's language shows the session's, marked as such.
        versions = _versions(activity, name, language, languages, typed)
        view[name] = localized(versions, language, base)[:PREVIEW_TEXT_LIMIT]
        view[f"{name}_lang"] = language_of(versions, language, base) or language
    header = session_header(session, language)
    header["current"] = activity.id
    return {"session": header, "activities": {activity.id: view},
            "private": {activity.id: private} if private and audience == "phone" else {},
            "me": {"language": language} if audience == "phone" else None}


@bp.route("/agenda/<int:activity_id>/preview", methods=["GET", "POST"])
@login_required
@console_action("run")
def preview(session, activity_id: int):
    """The real phone or projector view of the activity, with its data, read-only. A POST
    carries the editor's whole form: the preview shows it before it is saved."""
    activity = _activity(session, activity_id)
    languages = services.content_languages(session)
    audience = request.values.get("view", "phone")
    if audience not in ("phone", "projector"):
        abort(404)
    # The preview's language is the preview's own: inside the editor's frame it changes
    # what the phone or projector shows, never the editor around it.
    language = request.values.get("lang", session.language)
    if language not in current_app.config["LANGUAGES"]:
        language = session.language
    g.cafe_locale = language
    typed = request.form if request.method == "POST" else request.args
    with db.session.no_autoflush:
        state = preview_state(session, activity, audience, language, typed)
    unit().refuse()  # what the form held, and the language, are forgotten: nothing is kept
    common = dict(session=session, activity=activity, audience=audience, language=language,
                  languages=languages, state=state, kinds=registry.all_kinds(),
                  framed=request.values.get("frame") == "1")
    if audience == "projector":
        address = join_url(session.code).split("://", 1)[-1]
        page = render_template("editor/preview_projector.html", key="",
                               join_url=join_url(session.code),
                               join_address=(address[: -len(session.code)], session.code),
                               **common)
    else:
        page = render_template("editor/preview.html", **common)
    response = make_response(page)
    # The editor shows this page in its own frames; nobody else may frame it.
    response.headers["Content-Security-Policy"] = CSP.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'")
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "private, no-store"
    return response
