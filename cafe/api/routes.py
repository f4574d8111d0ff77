from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import ValidationError
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from cafe.activities import registry
from cafe.activities.statements import views as statement_views
from cafe.api.openapi import document
from cafe.api.schemas import join_request
from cafe.core import Refusal
from cafe.extensions import db
from cafe.live.broadcast import publish
from cafe.neighbourhoods.models import Neighbourhood
from cafe.participants import services as participants
from cafe.participants.counts import participant_counts
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.sessions.views import session_header
from cafe.team.permissions import may, sessions_of
from cafe.trajectory import queries as trajectory_queries
from cafe.trajectory.access import role_in
from cafe.trajectory.models import PublicPage

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def error(status: int, code: str, message: str):
    return jsonify(ok=False, error=code, message=message), status


@bp.errorhandler(404)
def not_found(_exc):
    return error(404, "not_found", _("Not found."))


@bp.errorhandler(405)
def not_allowed(_exc):
    return error(405, "method_not_allowed", _("This method is not allowed here."))


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """Every other refusal of the API is JSON too, never Werkzeug's HTML page."""
    status = exc.code or 500
    if status >= 500:
        return _server_error(status)
    return error(status, f"http_{status}", _("The request was not understood."))


@bp.errorhandler(Exception)
def server_error(exc: Exception):
    current_app.logger.exception("API error", exc_info=exc)
    return _server_error(500)


def _server_error(status: int):
    return error(status, "server_error", _("Something went wrong on the server. Please try again."))


def json_body():
    """The request's JSON, or None when it is missing, broken or nested beyond Python's
    recursion limit (a few kilobytes of brackets raise RecursionError, not ValueError)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def _settings() -> tuple[int, tuple[str, ...]]:
    config = current_app.config
    return int(config["MAX_NAME_LENGTH"]), tuple(config["LANGUAGES"])


@bp.get("/openapi.json")
def openapi():
    return jsonify(document(*_settings()))


def _refusal(failure: ValidationError):
    """The first problem of a join body, in the words of the join form."""
    problem = failure.errors()[0]
    field = str(problem["loc"][0]) if problem["loc"] else None
    if field == "name" and problem["type"] == "string_too_long":
        message = _l("The name is too long (at most %(max)s characters).",
                     max=problem["ctx"]["max_length"])
    else:
        message = {
            "name": _l("The name is not valid."),
            "role": _l("Please choose one of the roles offered."),
            "language": _l("This language is not available."),
        }.get(field, _l("The request was not understood."))
    return jsonify(ok=False, error="invalid", message=str(message), field=field), 400


def _session_by_code(code: str) -> CafeSession:
    session = db.session.scalar(select(CafeSession).where(CafeSession.code == normalise(code)))
    if session is None:
        abort(404)
    return session


def _owned(session_id: int) -> CafeSession:
    """The session, for its owner and co-facilitators; anyone else gets 404."""
    session = db.session.get(CafeSession, session_id)
    if session is None or not may(current_user, "results", session):
        abort(404)
    return session


@bp.get("/join/<code>")
def session_public(code: str):
    session = _session_by_code(code)
    return jsonify(code=session.code, title=session.title, language=session.language)


@bp.post("/join/<code>")
def join(code: str):
    session = _session_by_code(code)
    body = json_body()
    if not isinstance(body, dict):
        return error(400, "bad_request", _("Send a JSON object."))
    max_name, languages = _settings()
    try:
        data = join_request(max_name, languages).model_validate(body)
    except ValidationError as failure:
        return _refusal(failure)
    try:
        participant, token, changes = participants.join(
            session,
            name=data.name,
            role=data.role,
            language=data.language,
            languages=languages,
            max_name=max_name,
        )
    except Refusal as refusal:
        return jsonify(refusal.ack()), 400
    db.session.commit()
    publish(changes)
    return jsonify(ok=True, participant=participant.public_dict(), token=token), 201


@bp.get("/sessions")
def sessions():
    if not current_user.is_authenticated:
        return error(401, "unauthorised", _("Please log in."))
    rows = sessions_of(current_user)
    return jsonify(sessions=[{**session_header(s), "role": role} for s, role in rows])


@bp.get("/sessions/<int:session_id>")
def session_detail(session_id: int):
    session = _owned(session_id)
    return jsonify(session=session_header(session), participants=participant_counts(session.id))


@bp.get("/sessions/<int:session_id>/activities/<int:activity_id>/votes.csv")
def vote_matrix(session_id: int, activity_id: int):
    """A statements activity's anonymised vote matrix (participant numbers, no tokens)."""
    session = _owned(session_id)
    activity = next((a for a in session.activities
                     if a.id == activity_id and a.kind == "statements"), None)
    if activity is None:
        abort(404)
    return Response("\ufeff" + statement_views.vote_matrix_csv(activity),
                    mimetype="text/csv", headers={
                        "Content-Disposition": f'attachment; filename="votes-{activity.id}.csv"'})


@bp.get("/sessions/<int:session_id>/results")
def results(session_id: int):
    session = _owned(session_id)
    out = []
    for activity in session.activities:
        kind = registry.get(activity.kind)
        out.append(
            {
                "id": activity.id,
                "kind": activity.kind,
                "title": activity.title,
                "status": activity.status,
                "results": kind.results(activity) if kind else {},
            }
        )
    return jsonify(session=session.code, activities=out)


@bp.get("/neighbourhoods/<int:hood_id>/trajectory")
def trajectory(hood_id: int):
    """For a municipality's dashboard: the team reads it; anyone once it is published."""
    hood = db.session.get(Neighbourhood, hood_id)
    page = db.session.get(PublicPage, hood_id) if hood is not None else None
    if hood is None or not ((page and page.published) or role_in(current_user, hood)):
        abort(404)
    return jsonify(trajectory_queries.jsonable(trajectory_queries.trajectory(hood)))
