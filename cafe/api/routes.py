from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import ValidationError
from sqlalchemy import select

from cafe.activities import registry
from cafe.api.openapi import document
from cafe.api.schemas import JoinRequest
from cafe.extensions import db
from cafe.live.broadcast import publish
from cafe.live.errors import Refusal
from cafe.live.state import participant_counts, session_header
from cafe.participants import services as participants
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.team.permissions import may, sessions_of

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def error(status: int, code: str, message: str):
    return jsonify(ok=False, error=code, message=message), status


@bp.errorhandler(404)
def not_found(_exc):
    return error(404, "not_found", _("Not found."))


@bp.errorhandler(405)
def not_allowed(_exc):
    return error(405, "method_not_allowed", _("This method is not allowed here."))


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


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
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "bad_request", _("Send a JSON object."))
    try:
        data = JoinRequest.model_validate(body)
        participant, token, changes = participants.join(
            session,
            name=data.name,
            role=data.role,
            language=data.language,
            languages=current_app.config["LANGUAGES"],
            max_name=current_app.config["MAX_NAME_LENGTH"],
        )
    except ValidationError:
        return error(400, "invalid", _("The request was not understood."))
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
