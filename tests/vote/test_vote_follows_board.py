"""Issue 31: a vote that follows a board of 2,500 cards while cards come in.

Each follower update redraws the vote from its board. When a card is posted or hidden, the
vote reads the cards changed since its last read, not the wall; what it shows is still exactly
the visible cards. A card taken back (deleted) leaves no row to read: the vote then reads the
ids of the board's cards (not their texts) and drops it, or, when the caller knows which
cards changed (a patch does), asks for those alone. How many cards the board has comes from its
counters, not from a COUNT of the wall."""

from sqlalchemy import func, select

from cafe.activities.board.models import Card
from cafe.activities.vote import queries, source
from cafe.extensions import db
from cafe.sessions.models import Activity
from tests.support.measure import STEPS, Work
from tests.vote.test_vote_patch_size import _fill

CARDS = 2500


def _counting_reads(monkeypatch) -> list[int]:
    """The rows each of the vote's queries returns."""
    counts = []
    real = source._read

    def reading(statement, **params):
        frozen = real(statement, **params).freeze()
        counts.append(len(frozen().all()))
        return frozen()

    monkeypatch.setattr(source, "_read", reading)
    return counts


def test_a_vote_following_a_board_reads_only_the_cards_that_changed(make_vote, monkeypatch):
    session, vote, _ = make_vote(cards=(), reveal="live", dots=3)
    board_id = vote.id - 1
    ids = _fill(session, board_id, CARDS)
    activity = db.session.get(Activity, vote.id)
    assert [i["id"] for i in queries.load_board(activity).items] == ids

    # The stamp of an unchanged board: fewer of the database's steps than there are cards.
    with Work() as work:
        assert queries.load_board(activity).items[-1]["id"] == ids[-1]
    assert 0 < work.steps * STEPS < CARDS, work.steps
    # Cards written in one bulk insert may share the newest instant: each is read again.
    newest = db.session.scalar(select(func.max(Card.updated_at)))
    same_instant = db.session.scalar(select(func.count()).where(Card.updated_at == newest))

    posted = Card(activity_id=board_id, session_id=session.id, text="Een bankje bij de school")
    db.session.add(posted)
    db.session.get(Card, ids[3]).status = "hidden"
    db.session.commit()
    reads = _counting_reads(monkeypatch)
    board = queries.load_board(activity)
    shown = [i for i in ids if i != ids[3]] + [posted.id]
    assert [i["id"] for i in board.items] == shown
    assert board.items[-1]["text"] == "Een bankje bij de school"
    assert board.status[ids[3]] == "hidden"
    # The session's boards with their stamps, then the posted and the hidden card (and the
    # newest card of the last read again, read rather than risk missing one of the same instant).
    assert sum(reads) <= 3 + same_instant, reads

    db.session.delete(db.session.get(Card, ids[7]))
    db.session.commit()
    reads.clear()
    board = queries.load_board(activity)
    assert [i["id"] for i in board.items] == [i for i in shown if i != ids[7]]
    assert ids[7] not in board.status
    # The stamps, no card changed since, and the ids of the cards left.
    assert reads[0] == 1 and reads[1] <= 2 and reads[2] == CARDS, reads

    # A patch passes the ids it is about: a card withdrawn among them is looked up by id.
    db.session.delete(db.session.get(Card, ids[9]))
    db.session.commit()
    reads.clear()
    board = queries.load_board(activity, {ids[9]})
    assert [i["id"] for i in board.items] == [i for i in shown if i not in (ids[7], ids[9])]
    assert ids[9] not in board.status
    # The stamps, no card changed since, and none of the patch's ids left.
    assert reads[0] == 1 and reads[1] <= 2 and reads[2:] == [0], reads
