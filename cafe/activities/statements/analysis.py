"""The opinion analysis of a statements activity: off the event loop, at most every few
seconds, cached per activity.

k-means with a silhouette for each k takes tens to hundreds of milliseconds of CPU; under
eventlet or gevent that would freeze every connection, so it runs in a real thread (as the
board's word cloud does). Votes arrive in bursts: when the last analysis is younger than the
interval, screens keep it and one refresh is scheduled for when the interval ends, so the
screens always end on the analysis of every vote stored.
"""

import threading
import time

from flask import current_app
from sqlalchemy import bindparam, select

from cafe.activities.board.wordcloud import offload
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain import opinion
from cafe.extensions import db, socketio
from cafe.live.changes import Changes

DEFAULT_INTERVAL = 3.0

_VOTES = (select(OpinionVote.participant_id, OpinionVote.statement_id, OpinionVote.value)
          .join(OpinionStatement, OpinionStatement.id == OpinionVote.statement_id)
          .where(OpinionVote.activity_id == bindparam("activity"),
                 OpinionStatement.status == "visible")
          .order_by(OpinionVote.participant_id, OpinionVote.statement_id))

_cache: dict[int, tuple[tuple, dict, float]] = {}  # activity -> (votes, analysis, when)
_scheduled: set[int] = set()
_guard = threading.Lock()


def votes_of(activity_id: int) -> list[tuple[int, int, int]]:
    """(participant, statement, value) of the statements shown; hidden ones do not count."""
    rows = db.session.connection().execute(_VOTES, {"activity": activity_id})
    return [tuple(row) for row in rows]


def compute(activity_id: int) -> dict:
    """The analysis of the votes as stored now, on the calling thread (exports, the API)."""
    return opinion.analyse(votes_of(activity_id))


def latest(activity_id: int) -> dict | None:
    """The last analysis made, without reading or computing anything: a participant's own
    view is built inside their vote's transaction, which must not wait for k-means."""
    cached = _cache.get(activity_id)
    return cached[1] if cached is not None else None


def current(activity) -> dict:
    """The newest analysis the interval allows; schedules the next one when it is stale."""
    votes = tuple(votes_of(activity.id))
    cached = _cache.get(activity.id)
    if cached is not None and cached[0] == votes:
        return cached[1]
    interval = current_app.config.get("OPINION_INTERVAL", DEFAULT_INTERVAL)
    if cached is not None and time.monotonic() - cached[2] < interval:
        _schedule(activity.id, activity.session_id, interval)
        return cached[1]
    result = offload(opinion.analyse, list(votes))
    with _guard:
        _cache[activity.id] = (votes, result, time.monotonic())
    return result


def _schedule(activity_id: int, session_id: int, interval: float) -> None:
    with _guard:
        if activity_id in _scheduled:
            return
        _scheduled.add(activity_id)
    app = current_app._get_current_object()

    def refresh():
        socketio.sleep(interval)
        with _guard:
            _scheduled.discard(activity_id)
            cached = _cache.get(activity_id)
            if cached is not None:  # due now: the next view computes
                _cache[activity_id] = (cached[0], cached[1], 0.0)
        with app.app_context():
            from cafe.live.broadcast import publish

            try:
                publish(Changes(session_id, activities={activity_id}))
                db.session.commit()
            except Exception:  # the next vote sends it again
                app.logger.exception("opinion refresh of activity %s failed", activity_id)
            finally:
                db.session.remove()

    socketio.start_background_task(refresh)


def forget(activity_id: int) -> None:
    with _guard:
        _cache.pop(activity_id, None)
