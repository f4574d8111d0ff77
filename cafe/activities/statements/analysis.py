"""The opinion analysis of a statements activity: off the event loop, one at a time per
activity, and the last one wins everywhere.

k-means with a silhouette for each k and its chance baseline takes up to a second of CPU;
under eventlet or gevent it runs in a real OS thread (`offload`). Views never compute: they
show the last analysis stored and ask for a new one when the votes changed (`current`). One
runner per activity (`_run`) reads the votes, computes, stores the result and only then
publishes it (screens and the phones whose group changed). Votes that arrive meanwhile mark the
activity to run once more, after the interval: two analyses of one activity never overlap, so
a phone is never told B, then A, then B by two of them racing. Each result carries a number
(`round`); a phone keeps the group of the highest round it got, whatever the order of the
messages. State per app: `app.extensions["cafe_opinion"]`.
"""

import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import bindparam, func, select

from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.core import Changes
from cafe.domain import opinion
from cafe.extensions import db, socketio
from cafe.live.broadcast import publish
from cafe.live.offload import offload

KEY = "cafe_opinion"

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


@dataclass
class Stored:
    stamp: tuple
    result: dict
    when: float
    took: float


@dataclass
class OpinionState:
    stored: dict[int, Stored] = field(default_factory=dict)
    running: set[int] = field(default_factory=set)  # activities whose runner is at work
    again: set[int] = field(default_factory=set)  # votes changed while their runner worked
    rounds: int = 0  # analyses stored by this app: each result's `round`


def state(app=None) -> OpinionState:
    app = app or current_app
    found = app.extensions.get(KEY)
    if found is None:
        found = app.extensions[KEY] = OpinionState()
    return found


def votes_of(activity_id: int) -> list[tuple[int, int, int]]:
    """(participant, statement, value) of the statements shown; hidden ones do not count."""
    rows = db.session.connection().execute(_VOTES, {"activity": activity_id})
    return [tuple(row) for row in rows]


def _stamp(activity_id: int) -> tuple:
    return tuple(db.session.connection().execute(_STAMP, {"activity": activity_id}).one())


def compute(activity_id: int) -> dict:
    """The analysis of the votes as stored now (exports, the API): the stored one when it is
    of these votes, else one computed now, in a real thread, stable against the stored one."""
    stored = state().stored.get(activity_id)
    if stored is not None and stored.stamp == _stamp(activity_id):
        return stored.result
    previous = stored.result if stored else None
    return offload(_timed, votes_of(activity_id), previous)[0]


def _timed(votes: list, previous: dict | None) -> tuple[dict, float]:
    """The analysis and how long it took. Plain data in and out: it runs in an OS thread."""
    started = time.perf_counter()
    result = opinion.analyse(votes, previous=previous)
    return result, time.perf_counter() - started


def latest(activity_id: int) -> dict | None:
    """The last analysis stored, without reading or computing anything: a participant's own
    view is built inside their vote's transaction, which must not wait for k-means."""
    stored = state().stored.get(activity_id)
    return stored.result if stored is not None else None


def current(activity) -> dict:
    """The last analysis stored; when the votes changed since, a new one is on its way (its
    publication brings it to every screen). Tests set OPINION_INTERVAL to 0: then the view
    computes it itself, so they read final states at once."""
    st = state()
    stored = st.stored.get(activity.id)
    stamp = _stamp(activity.id)
    if stored is not None and stored.stamp == stamp:
        return stored.result
    if not _interval() and activity.id not in st.running:
        result, moved = _store(activity.id, stamp, *offload(
            _timed, votes_of(activity.id), stored.result if stored else None))
        if moved:
            _tell(activity.id, activity.session_id, moved)
        return result
    request(activity.id, activity.session_id)
    # Nothing stored yet: the empty analysis, computed on the loop without scikit-learn.
    return stored.result if stored is not None else opinion.empty()


def _interval() -> float:
    return float(current_app.config["OPINION_INTERVAL"])


def _store(activity_id: int, stamp: tuple, result: dict, took: float) -> tuple[dict, set]:
    """Keep the result with its round number; the participants whose group changed."""
    st = state()
    st.rounds += 1
    result["round"] = st.rounds
    before = st.stored.get(activity_id)
    st.stored[activity_id] = Stored(stamp, result, time.monotonic(), took)
    return result, _moved(before.result if before else {}, result)


def request(activity_id: int, session_id: int) -> None:
    """Ask for an analysis of the votes as stored now: the runner starts, or runs once more."""
    st = state()
    if activity_id in st.running:
        st.again.add(activity_id)
        return
    st.running.add(activity_id)
    socketio.start_background_task(_run, current_app._get_current_object(), activity_id,
                                   session_id)


def _run(app, activity_id: int, session_id: int) -> None:
    st = state(app)
    try:
        while True:
            with app.app_context():
                stored = st.stored.get(activity_id)
                # A big room's analysis takes a while: it then runs at most a third of the time.
                interval = _interval()
                if stored is not None and interval:
                    wait = max(interval, 3 * stored.took) - (time.monotonic() - stored.when)
                    if wait > 0:
                        socketio.sleep(wait)
                st.again.discard(activity_id)
                try:
                    if _analyse_and_publish(activity_id, session_id):
                        st.again.add(activity_id)
                except Exception:  # the next vote asks again
                    app.logger.exception("opinion analysis of activity %s failed", activity_id)
                finally:
                    db.session.remove()
            if activity_id not in st.again:
                return
    finally:
        st.running.discard(activity_id)


def _pending(result: dict) -> bool:
    """A new number of groups came out best but has not held long enough to be shown."""
    memory = (result.get("memory") or {}).get("k") or {}
    return bool(memory) and memory.get("last") != memory.get("k")


def _analyse_and_publish(activity_id: int, session_id: int) -> bool:
    """True when the room should be analysed again even without new votes: a new number of
    groups is pending, and only analyses in a row can confirm it (a quiet room then settles
    on what its votes say after a few intervals instead of never)."""
    st = state()
    stamp = _stamp(activity_id)
    stored = st.stored.get(activity_id)
    if stored is not None and stored.stamp == stamp and not _pending(stored.result):
        return False
    votes = votes_of(activity_id)
    db.session.rollback()  # no transaction stays open while the analysis computes
    result, took = offload(_timed, votes, stored.result if stored else None)
    _, moved = _store(activity_id, stamp, result, took)
    publish(Changes(session_id, activities={activity_id},
                    private={(p, activity_id) for p in moved}))
    db.session.commit()
    return _pending(result)


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
            try:
                publish(Changes(session_id, private={(p, activity_id) for p in participants}))
            except Exception:  # their next vote brings it
                app.logger.exception("opinion groups of activity %s not sent", activity_id)
            finally:
                db.session.remove()

    socketio.start_background_task(send)


def forget(activity_id: int) -> None:
    state().stored.pop(activity_id, None)
