"""Issue 29: the opinion map follows the votes without reading them all again.

The server keeps each activity's vote matrix up to date as votes arrive
(cafe/activities/statements/matrix.py). What the projector shows after new, changed and
withdrawn votes and a hidden statement must be exactly what an analysis of every stored vote
gives, so a bug in the incremental path cannot hide behind plausible groups; and once the
matrix is read, a new vote costs a few statements, none of which reads every vote."""

import random

import pytest
from sqlalchemy import event, insert, select
from sqlalchemy.exc import OperationalError

from cafe.activities import registry
from cafe.activities.statements import analysis, services
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain import opinion
from cafe.extensions import db
from cafe.models import utcnow
from cafe.participants.services import join
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session, set_status

STATEMENTS = [f"Stelling {n}: de buurt heeft meer {w} nodig" for n, w in enumerate(
    ["bankjes", "groen", "ontmoeting", "verlichting", "speelruimte", "fietsenstallingen",
     "buurtfeesten", "zorg aan huis", "stilte", "markten", "bomen", "bussen"], start=1)]


def _room(facilitator, people: int):
    session = create_session(facilitator, "Stellingen", "nl")
    db.session.commit()  # services flush; the caller commits
    act = Activity(position=0, kind="statements", title="Eens of oneens?",
                   settings=registry.get("statements").validate_settings(
                       {"statements": STATEMENTS}))
    session.activities.append(act)
    db.session.flush()
    set_status(act, "open")
    who = [join(session, name=None)[0].id for _ in range(people)]
    db.session.commit()
    ids = list(db.session.scalars(select(OpinionStatement.id).where(
        OpinionStatement.activity_id == act.id).order_by(OpinionStatement.id)))
    return act, who, ids


def _vote_in_camps(act, who, ids, rng, flip=0.08):
    """Two camps that see every statement the opposite way; a few votes go the other way.
    Straight into the table (as if cast earlier): the services' votes come after."""
    rows = []
    for n, pid in enumerate(who):
        for m, statement in enumerate(ids):
            if rng.random() < 0.25:
                continue
            agree = (m % 2 == 0) == (n % 2 == 0)
            if rng.random() < flip:
                agree = not agree
            rows.append({"activity_id": act.id, "statement_id": statement,
                         "participant_id": pid, "value": 1 if agree else -1,
                         "updated_at": utcnow()})
    db.session.execute(insert(OpinionVote), rows)
    db.session.commit()


def _stored_votes(act) -> list[tuple]:
    return [tuple(r) for r in db.session.execute(
        select(OpinionVote.participant_id, OpinionVote.statement_id, OpinionVote.value)
        .join(OpinionStatement, OpinionStatement.id == OpinionVote.statement_id)
        .where(OpinionVote.activity_id == act.id, OpinionStatement.status == "visible"))]


def _shown_equals_fresh(act) -> dict:
    """The projector's map now, checked against an analysis of every stored vote (given
    the same previous analysis, which keeps group letters and the chance baseline)."""
    before = analysis.latest(act.id)
    shown = analysis.current(act)
    fresh = opinion.analyse(_stored_votes(act), previous=before)
    ours, theirs = opinion.public(shown), opinion.public(fresh)
    ours.pop("round"), theirs.pop("round")
    assert ours == theirs
    assert {g["label"]: g["members"] for g in shown["groups"]} == \
        {g["label"]: g["members"] for g in fresh["groups"]}
    return shown


def test_the_map_after_each_change_is_the_map_of_every_stored_vote(app, facilitator):
    app.config["OPINION_INTERVAL"] = 0  # the view computes: the test reads final states
    rng = random.Random(29)
    act, who, ids = _room(facilitator, 40)
    _vote_in_camps(act, who[:30], ids, rng)
    first = _shown_equals_fresh(act)
    assert len(first["groups"]) == 2 and first["votes"] > 200

    _vote_in_camps(act, who[30:], ids, rng)  # latecomers
    for pid in who[:6]:  # people change their minds
        services.vote(act, pid, ids[0], "pass")
    db.session.commit()
    assert _shown_equals_fresh(act)["participants"] == 40

    services.moderate(act, ids[1], "hide")
    db.session.commit()
    assert ids[1] not in _shown_equals_fresh(act)["statements"]

    services.withdraw(act, who[3])  # deleted votes: the matrix is read again
    db.session.commit()
    assert _shown_equals_fresh(act)["voters"] == 39


def test_a_big_room_reuses_its_chance_baseline_and_still_matches(app, facilitator):
    """More than LARGE_ROOM people: the shuffled copies are kept while the votes change by
    less than CHANCE_DRIFT; the map and groups still equal a fresh analysis of those votes."""
    app.config["OPINION_INTERVAL"] = 0
    rng = random.Random(30)
    act, who, ids = _room(facilitator, 320)
    _vote_in_camps(act, who, ids, rng)
    first = _shown_equals_fresh(act)
    services.vote(act, who[0], ids[0], "pass")
    db.session.commit()
    second = _shown_equals_fresh(act)
    assert second["memory"]["chance"] == first["memory"]["chance"]
    assert second["clear"] and len(second["groups"]) == 2


def test_a_new_vote_reads_the_changed_votes_not_every_vote(app, facilitator):
    app.config["OPINION_INTERVAL"] = 0
    act, who, ids = _room(facilitator, 40)
    _vote_in_camps(act, who, ids, random.Random(31))
    analysis.current(act)  # the matrix is read once
    services.vote(act, who[0], ids[2], "pass")
    db.session.commit()
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        _shown_equals_fresh(act)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    # The stamp (how many votes, the newest time) is no read of the votes themselves.
    votes = [s for s in seen if "FROM opinion_votes" in s and "count(" not in s
             and "max(" not in s]
    changed = [s for s in votes if "updated_at >=" in s]
    # Every vote of the activity, as a rebuild reads them (the test's own fresh read joins
    # the statements; a phone's own votes name the participant).
    every = [s for s in votes if s not in changed and "JOIN" not in s
             and "participant_id = ?" not in s]
    assert changed and not every, seen


def test_a_stored_map_whose_publication_failed_goes_out_at_the_next_request(
        app, facilitator, monkeypatch):
    """The runner stored an analysis, then the database was busy as it sent the map: the
    projector still gets that map at the next request, although no vote changed since."""
    act, who, ids = _room(facilitator, 12)
    _vote_in_camps(act, who, ids, random.Random(7))
    sent, failures = [], [OperationalError("SELECT", {}, Exception("database is locked"))]

    def publish(changes, answered=None):
        if failures:
            raise failures.pop()
        sent.append(changes)

    monkeypatch.setattr(analysis, "publish", publish)
    with pytest.raises(OperationalError):
        analysis._analyse_and_publish(act.id, act.session_id)
    assert analysis.latest(act.id)["votes"] == len(_stored_votes(act))  # stored, not sent
    analysis._analyse_and_publish(act.id, act.session_id)  # the next view asks again
    assert [c.activities for c in sent] == [{act.id}]
    analysis._analyse_and_publish(act.id, act.session_id)
    assert len(sent) == 1  # and only once
