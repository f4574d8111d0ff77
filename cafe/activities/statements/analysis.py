"""The opinion analysis of a statements activity: off the event loop, one at a time per
activity, and the last one wins everywhere.

k-means with a silhouette for each k and its chance baseline takes up to a second of CPU (a
room of 5,000 people: several); under eventlet or gevent it runs in a real OS thread
(`offload`). Views never compute and never read the votes: they show the last analysis stored
and ask for a new one (`current`). One runner per activity (`_run`) brings the activity's vote
matrix up to date (only the votes changed since its last read: `matrix.VoteMatrix`, kept per
app in a bounded cache), computes when they changed, stores the result and only then publishes
it (screens and the phones whose group changed). Votes that arrive meanwhile mark the activity
to run once more, an interval after the previous analysis ended: two analyses of one activity
never overlap, so a phone is never told B, then A, then B by two of them racing. Each result
carries a number (`round`); a phone keeps the group of the highest round it got, whatever the
order of the messages. State per app: `app.extensions["cafe_opinion"]`.
"""

import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import bindparam, select

from cafe.activities.statements import queries
from cafe.activities.statements.matrix import VoteMatrix
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.caches import caches
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

# Vote matrices kept per app: 5,000 people × 500 statements is 2.5 MB; a server runs a few
# statements activities at a time.
MATRICES = 8

@dataclass
class Stored:
    stamp: tuple
    result: dict
    when: float
    took: float
    # Its publication, until it went out: a runner whose publication failed (the database
    # busy for a moment) sends it at the next request, though the votes did not change since.
    unsent: Changes | None = None


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


def _matrix(activity_id: int) -> tuple[VoteMatrix, tuple, tuple]:
    """The activity's vote matrix brought up to the votes as stored (reading only those
    changed since it was last read), their stamp and the visible statements."""
    cache = caches().get("opinion_matrix", MATRICES)
    found = cache.get(activity_id)
    if found is None:
        found = VoteMatrix(activity_id)
        cache[activity_id] = found
    stamp, visible = found.refresh(db.session.connection(), lambda: socketio.sleep(0))
    return found, stamp, visible


def tallies(activity) -> dict[int, dict[str, int]]:
    """Per statement: how many agree, disagree and pass, from the vote matrix as last read
    (at most an interval old: the runner's publication brings the newest), without counting
    750,000 rows for each view; before the first read, counted by the database."""
    found = caches().get("opinion_matrix", MATRICES).get(activity.id)
    if found is None:
        return queries.counts(activity)
    return found.tallies()


def compute(activity_id: int) -> dict:
    """The analysis of the votes as stored now (exports, the API): the stored one when it is
    of these votes, else one computed now, in a real thread, stable against the stored one."""
    stored = state().stored.get(activity_id)
    found, stamp, visible = _matrix(activity_id)
    if stored is not None and stored.stamp == stamp:
        return stored.result
    previous = stored.result if stored else None
    return offload(_timed, found.arrays(visible), previous)[0]


def _timed(arrays: tuple, previous: dict | None) -> tuple[dict, float]:
    """The analysis and how long it took. Plain data in and out: it runs in an OS thread."""
    started = time.perf_counter()
    result = opinion.analyse_matrix(*arrays, previous=previous)
    return result, time.perf_counter() - started


def latest(activity_id: int) -> dict | None:
    """The last analysis stored, without reading or computing anything: a participant's own
    view is built inside their vote's transaction, which must not wait for k-means."""
    stored = state().stored.get(activity_id)
    return stored.result if stored is not None else None


def current(activity) -> dict:
    """The last analysis stored, and a new one asked for: the runner reads the votes changed
    since (at most every OPINION_INTERVAL) and, when there are any, its publication brings the
    new map to every screen. Views never read the votes themselves: a view is built for every
    change and every phone that connects. Tests set OPINION_INTERVAL to 0: then the view
    computes it itself, so they read final states at once."""
    st = state()
    stored = st.stored.get(activity.id)
    if not _interval() and activity.id not in st.running:
        found, stamp, visible = _matrix(activity.id)
        if stored is not None and stored.stamp == stamp:
            return stored.result
        result, moved = _store(activity.id, stamp, *offload(
            _timed, found.arrays(visible), stored.result if stored else None))
        if moved:
            _tell(activity.id, activity.session_id, moved)
        return result
    request(activity.id, activity.session_id)
    # Nothing stored yet: the empty analysis, computed on the loop without scikit-learn.
    return stored.result if stored is not None else opinion.empty()


def follow(activity_id: int, session_id: int) -> bool:
    """After a vote was committed: an analysis of the votes as stored now is asked for, and
    its publication brings the screens the new map. False without a runner (OPINION_INTERVAL
    0, in tests): then the views compute, and the screens get them at once."""
    if not _interval():
        return False
    request(activity_id, session_id)
    return True


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
                # An analysis starts at most every interval after the end of the last one:
                # however long that took, the room has the interval to itself. Counted from the
                # last analysis, not from the last read that found nothing new: a vote in a
                # quiet room is analysed at once, not up to an interval later (issue 29).
                # (Once it waited three times the last analysis' duration: after the first
                # analysis of a big room, with its chance baseline, that was a minute.)
                interval = _interval()
                last = stored.when if stored is not None else -interval
                wait = interval - (time.monotonic() - last)
                if interval and wait > 0:
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
    found, stamp, visible = _matrix(activity_id)
    stored = st.stored.get(activity_id)
    if stored is not None and stored.stamp == stamp and not _pending(stored.result):
        if stored.unsent is not None:
            _publish(stored)
        return False
    arrays = found.arrays(visible)  # a copy: the matrix may change while the analysis runs
    db.session.rollback()  # no transaction stays open while the analysis computes
    result, took = offload(_timed, arrays, stored.result if stored else None)
    _, moved = _store(activity_id, stamp, result, took)
    unsent = stored.unsent if stored is not None else None  # a failed publication's phones
    stored = st.stored[activity_id]
    stored.unsent = Changes(session_id, activities={activity_id},
                            private={(p, activity_id) for p in moved}
                            | (unsent.private if unsent is not None else set()))
    _publish(stored)
    return _pending(result)


def _publish(stored: Stored) -> None:
    """Send a stored analysis to the screens (and the phones whose group changed)."""
    changes, stored.unsent = stored.unsent, None
    try:
        publish(changes)
        db.session.commit()
    except Exception:
        stored.unsent = changes  # the next request sends it
        raise


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
    caches().get("opinion_matrix", MATRICES).pop(activity_id)
