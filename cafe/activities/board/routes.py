"""The word cloud as an image, for the projector (its key) and the session's facilitator."""

import hmac
import math

from flask import Response, abort, request
from flask_login import current_user
from sqlalchemy import select

from cafe.activities.board import kind, queries
from cafe.activities.board.wordcloud import TooSoon, cache
from cafe.activities.registry import kind_blueprint
from cafe.core import Refusal
from cafe.extensions import db
from cafe.sessions.codes import normalise
from cafe.sessions.models import CafeSession
from cafe.team.permissions import may

bp = kind_blueprint(__name__)


def _allowed(session: CafeSession) -> bool:
    key = request.args.get("key", "")
    # Every console shows the cloud, a moderator's too.
    team = may(current_user, "console", session)
    return team or hmac.compare_digest(key.encode(), session.projector_key.encode())


@bp.get("/p/<code>/wordcloud/<int:activity_id>.png")
def wordcloud(code: str, activity_id: int):
    session = db.session.scalar(select(CafeSession).where(CafeSession.code == normalise(code)))
    if session is None:
        abort(404)
    if not _allowed(session):
        abort(403)
    try:
        activity = kind.get(session.id, activity_id)
    except Refusal:
        abort(404)
    if not kind.settings(activity).wordcloud:
        abort(404)
    texts = queries.cloud_texts(activity)
    # Read everything from the database first: no connection is held during the render.
    db.session.rollback()
    try:
        digest, png = cache().image(activity_id, texts)
    except TooSoon as wait:
        response = Response(status=429)
        response.headers["Retry-After"] = str(max(1, math.ceil(wait.retry_after)))
        response.headers["Cache-Control"] = "no-store"
        return response
    response = Response(png, mimetype="image/png")
    response.headers["ETag"] = digest
    # The URL names the version (?v=); a projector asking for the current one must not keep a
    # stale copy, and the words are the participants': not for shared caches.
    asked = request.args.get("v")
    response.headers["Cache-Control"] = (
        "private, max-age=3600" if asked == digest else "private, no-cache"
    )
    return response
