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
from sqlalchemy import bindparam, func, select

from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.caches import caches
from cafe.domain import opinion
from cafe.extensions import db, socketio
from cafe.live.changes import Changes
from cafe.live.offload import offload

_VOTES = (select(OpinionVote.participant_id, OpinionVote.statement_id, OpinionVote.value)
          .join(OpinionStatement, OpinionStatement.id == OpinionVote.statement_id)
          .where(OpinionVote.activity_id == bindparam("activity"),
                 OpinionStatement.status == "visible")
          .order_by(OpinionVote.participant_id, OpinionVote.statement_id))

# What changes when any counted vote changes (added, changed, withdrawn, its statement hidden),
# read with one aggregate instead of every vote at every view.
_STAMP = (select(func.count(), func.max(OpinionVote.updated_at), func.sum(OpinionVote.value),
                 func.sum(OpinionVote.statement_id), func.sum(OpinionVote.participant_id))
          .join(OpinionStatement, OpinionStatement.id == OpinionVote.statement_id)
          .where(OpinionVote.activity_id == bindparam("activity"),
                 OpinionStatement.status == "visible"))

_guard = threading.Lock()


def _cache(app=None):
    """This app's analyses (cafe.caches): activity -> (stamp, analysis, when)."""
    return caches(app).get("statements.analysis", 64)


def _took(app=None):
    """activity -> seconds its last analysis took."""
    return caches(app).get("statements.took", 256)


def _scheduled(app=None) -> set[int]:
    """Activities with a refresh scheduled."""
    return caches(app).one("statements.scheduled", set)


def votes_of(activity_id: int) -> list[tuple[int, int, int]]:
    """(participant, statement, value) of the statements shown; hidden ones do not count."""
    rows = db.session.connection().execute(_VOTES, {"activity": activity_id})
    return [tuple(row) for row in rows]


def compute(activity_id: int) -> dict:
    """The analysis of the votes as stored now, uncached (exports, the API), in a real thread."""
    return offload(_timed, votes_of(activity_id))[0]


def _timed(votes: list) -> tuple[dict, float]:
    """The analysis and how long it took, without the first call's imports."""
    import sklearn.cluster  # noqa: F401
    import sklearn.decomposition  # noqa: F401
    import sklearn.metrics  # noqa: F401

    started = time.perf_counter()
    result = opinion.analyse(votes)
    return result, time.perf_counter() - started


def latest(activity_id: int) -> dict | None:
    """The last analysis made, without reading or computing anything: a participant's own
    view is built inside their vote's transaction, which must not wait for k-means."""
    cached = _cache().get(activity_id)
    return cached[1] if cached is not None else None


def current(activity) -> dict:
    """The newest analysis the interval allows; schedules the next one when it is stale."""
    stamp = tuple(db.session.connection().execute(_STAMP, {"activity": activity.id}).one())
    cached = _cache().get(activity.id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    # A big room's analysis takes a while: it then runs at most a third of the time.
    # 0 (tests): every view recomputes.
    interval = current_app.config["OPINION_INTERVAL"]
    if interval:
        interval = max(interval, 3 * _took().get(activity.id, 0.0))
    if cached is not None and time.monotonic() - cached[2] < interval:
        _schedule(activity.id, activity.session_id, interval)
        return cached[1]
    result, took = offload(_timed, votes_of(activity.id))
    with _guard:
        _cache()[activity.id] = (stamp, result, time.monotonic())
        _took()[activity.id] = took
    moved = _moved(cached[1] if cached else {}, result)
    if moved:
        _tell(activity.id, activity.session_id, moved)
    return result


def _groups_of(result: dict) -> dict:
    return {who: g["label"] for g in result.get("groups") or [] for who in g["members"]}


def _moved(before: dict, after: dict) -> set[int]:
    """Participants whose group changed: their phones say "you are in group B"."""
    old, new = _groups_of(before), _groups_of(after)
    return {who for who in old.keys() | new.keys() if old.get(who) != new.get(who)}


def _tell(activity_id: int, session_id: int, participants: set[int]) -> None:
    """Send those participants their private view again, after this view's own broadcast."""
    app = current_app._get_current_object()

    def send():
        with app.app_context():
            from cafe.live.broadcast import publish

            try:
                publish(Changes(session_id, private={(p, activity_id) for p in participants}))
            except Exception:  # their next vote brings it
                app.logger.exception("opinion groups of activity %s not sent", activity_id)
            finally:
                db.session.remove()

    socketio.start_background_task(send)


def _schedule(activity_id: int, session_id: int, interval: float) -> None:
    app = current_app._get_current_object()
    with _guard:
        if activity_id in _scheduled(app):
            return
        _scheduled(app).add(activity_id)

    def refresh():
        socketio.sleep(interval)
        with _guard:
            _scheduled(app).discard(activity_id)
            cached = _cache(app).get(activity_id)
            if cached is not None:  # due now: the next view computes
                _cache(app)[activity_id] = (cached[0], cached[1], 0.0)
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
