from flask import (
    Blueprint,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select

from cafe.activities import registry
from cafe.core import Refusal
from cafe.extensions import db
from cafe.live.broadcast import publish
from cafe.participants import plain, services
from cafe.participants.models import ROLES
from cafe.sessions.codes import normalise
from cafe.sessions.models import Activity, CafeSession
from cafe.web.assets import kind_messages, phone_assets

bp = Blueprint("participants", __name__)


def session_by_code(code: str) -> CafeSession | None:
    return db.session.scalar(select(CafeSession).where(CafeSession.code == normalise(code)))


def _join_page(session, code, status=200, error=None, form=None):
    return render_template(
        "phone/join.html",
        session=session,
        code=code,
        roles=ROLES,
        languages=current_app.config["LANGUAGES"],
        error=error,
        form=form or {},
        next_assets=phone_assets(_current_kinds(session)),
    ), status


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code: str):
    session = session_by_code(code)
    if session is None:
        return render_template("phone/unknown.html", code=code[:12]), 404
    if request.method == "GET":
        existing = services.participant_for_token(
            session.id, services.token_from_request(request, session.code)
        )
        if existing is not None:
            # A re-scan: the phone page itself, not a redirect to it (a round trip less).
            return _phone_page(session, existing)
        # The browser's language until the person chooses one (the session's if it has none).
        g.cafe_locale = (request.args.get("lang")
                         or request.accept_languages.best_match(current_app.config["LANGUAGES"])
                         or session.language)
        return _join_page(session, session.code)

    form = request.form
    try:
        participant, token, changes = services.join(
            session,
            name=form.get("name"),
            role=form.get("role"),
            language=form.get("language"),
            languages=current_app.config["LANGUAGES"],
            max_name=current_app.config["MAX_NAME_LENGTH"],
        )
    except Refusal as refusal:
        g.cafe_locale = form.get("language") or session.language
        return _join_page(session, session.code, 400, str(refusal.message), form)
    db.session.commit()
    publish(changes)
    if form.get("noscript") == "1":
        # A browser without scripts (the join form's <noscript> field): the usual redirect, so
        # reloading the phone page never sends the form again.
        response = make_response(redirect(url_for("participants.phone", code=session.code)))
    else:
        # A browser that runs scripts (the HTML parser then reads the <noscript> field as text,
        # so it is never sent): the phone page as the answer, a round trip less on a slow
        # network; the page then shows its own address (cafe.js), so a reload asks for the page
        # and never posts the form again. The signal needs no script on the join page.
        response = make_response(_phone_page(session, participant))
    set_token_cookie(response, session.code, token)
    return response


def set_token_cookie(response, code: str, token: str) -> None:
    response.set_cookie(
        services.cookie_name(code),
        token,
        max_age=current_app.config["PARTICIPANT_COOKIE_DAYS"] * 86400,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


@bp.get("/s/<code>")
def phone(code: str):
    session = session_by_code(code)
    if session is None:
        return render_template("phone/unknown.html", code=code[:12]), 404
    participant = services.participant_for_token(
        session.id, services.token_from_request(request, session.code)
    )
    if participant is None:
        return redirect(url_for("participants.join", code=session.code))
    return _phone_page(session, participant)


def _phone_page(session, participant):
    g.cafe_locale = participant.language
    return render_template(
        "phone/session.html",
        session=session,
        participant=participant,
        languages=current_app.config["LANGUAGES"],
        kinds=registry.all_kinds(),
        audience="phone",
        page_kinds=_current_kinds(session),
        plain=plain.current(session, participant),
    )


@bp.get("/s/<code>/kinds/<kind>")
def kind_part(code: str, kind: str):
    """A kind's phone templates and strings in the participant's language, for a phone page
    that meets an activity of this kind for the first time (Cafe.loadKind)."""
    session = session_by_code(code)
    found = registry.get(kind)
    participant = session and services.participant_for_token(
        session.id, services.token_from_request(request, session.code))
    if found is None or participant is None:
        return jsonify(ok=False, error="not_found"), 404
    g.cafe_locale = participant.language
    return render_template("phone/_kind_part.html", kind=found, audience="phone",
                           messages=kind_messages(found))


def _current_kinds(session) -> list[str]:
    """The kinds whose code and styles the phone page carries from the start: the current
    activity's. The page loads another kind's when an activity of it opens (Cafe.loadKind)."""
    current = session.current_activity_id and db.session.get(Activity, session.current_activity_id)
    return [current.kind] if current else []


@bp.post("/s/<code>/language")
def change_language(code: str):
    session = session_by_code(code)
    participant = session and services.participant_for_token(
        session.id, services.token_from_request(request, session.code)
    )
    if participant is None:
        return jsonify(ok=False, error="not_joined"), 403
    try:
        services.update_profile(
            participant,
            language=request.form.get("language"),
            languages=current_app.config["LANGUAGES"],
        )
    except Refusal as refusal:
        return jsonify(refusal.ack()), 400
    db.session.commit()
    return redirect(url_for("participants.phone", code=session.code))
