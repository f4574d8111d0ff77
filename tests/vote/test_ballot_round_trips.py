"""What one ballot costs the database: on PostgreSQL each statement is a round trip, and a
burst of a thousand ballots in eight seconds is what a café's vote is (issue 20)."""

import time
from contextlib import contextmanager

from sqlalchemy import event

from cafe.extensions import db
from cafe.live import flusher
from cafe.live.runtime import live
from tests.support.factories import cid


@contextmanager
def statements(app):
    """The first word of every statement the app sends, and COMMIT for each commit."""
    seen = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, *args):
        seen.append(statement.split(None, 1)[0])

    def commit(conn):
        seen.append("COMMIT")

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "commit", commit)


def test_a_ballot_in_a_burst_reads_nothing_after_its_commit(app, make_vote, room):
    # The real server's coalescing: phones are sent by the flusher, screens at most every
    # 100 ms; a ballot right after another one is the middle of a burst.
    app.config["PHONE_UPDATE_INTERVAL"] = 1.0
    live(app).screen_interval = 3600.0
    session, vote, cards = make_vote(dots=3, method="dot")
    r = room(session, vote)
    ann, bob = r.phone(), r.phone()
    first = ann.emit("vote:cast", {"cid": cid("v1"), "activity": vote.id,
                                   "allocation": {cards[0]: 1}}, callback=True)
    assert first["ok"]
    with app.app_context():  # the flusher sends the opening and the first ballot
        flusher.flush_phones(time.monotonic() + 10, 1.0)
    with statements(app) as seen:
        ack = bob.emit("vote:cast", {"cid": cid("v2"), "activity": vote.id,
                                     "allocation": {cards[1]: 1, cards[2]: 1}}, callback=True)
    assert ack["ok"], ack
    # The vote, its board, the old ballot out, the new one in, the event id, the commit.
    assert seen == ["SELECT", "SELECT", "DELETE", "INSERT", "INSERT", "COMMIT"], seen
    # Nothing is lost by reading less: the flusher sends the phones the newest tally.
    assert (session.id, vote.id) in live(app).pending_phone
    ann.get_received()
    with app.app_context():
        flusher.flush_phones(time.monotonic() + 20, 1.0)
    tallies = [m["args"][0] for m in ann.get_received() if m["name"] == "tally"]
    assert [t["id"] for t in tallies] == [vote.id]
    assert sorted(t["data"]["results"]["voters"] for t in tallies) == [2]


def test_phones_get_no_tally_of_an_activity_the_agenda_has_left(app, make_vote, room):
    app.config["PHONE_UPDATE_INTERVAL"] = 1.0
    session, vote, cards = make_vote(dots=3, method="dot")
    r = room(session, vote)
    ann = r.phone()
    assert ann.emit("vote:cast", {"cid": cid("v1"), "activity": vote.id,
                                  "allocation": {cards[0]: 1}}, callback=True)["ok"]
    assert (session.id, vote.id) in live(app).pending_phone
    db.session.refresh(session)
    session.current_activity_id = None  # the facilitator moved on (another process did it)
    db.session.commit()
    ann.get_received()
    with app.app_context():
        flusher.flush_phones(time.monotonic() + 10, 1.0)
    assert [m for m in ann.get_received() if m["name"] in ("tally", "activity")] == []
    assert live(app).pending_phone == {}
