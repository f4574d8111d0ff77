"""Issue 31: a vote that follows a board of 2,500 cards while cards come in.

Each follower update redraws the vote from its board. When a card is posted or hidden, the
vote reads the cards changed since its last read, not the wall; what it shows is still exactly
the visible cards. A card taken back (deleted) leaves no row to read: the vote then reads the
ids of the board's cards (not their texts) and drops it."""

from cafe.activities.board.models import Card
from cafe.activities.vote import queries
from cafe.extensions import db
from cafe.sessions.models import Activity
from tests.vote.test_vote_patch_size import _fill

CARDS = 2500


def _counting_reads(monkeypatch) -> list[int]:
    """The rows each of the vote's queries returns."""
    counts = []
    real = queries._read

    def reading(statement, **params):
        frozen = real(statement, **params).freeze()
        counts.append(len(frozen().all()))
        return frozen()

    monkeypatch.setattr(queries, "_read", reading)
    return counts


def test_a_vote_following_a_board_reads_only_the_cards_that_changed(make_vote, monkeypatch):
    session, vote, _ = make_vote(cards=(), reveal="live", dots=3)
    board_id = vote.id - 1
    ids = _fill(session, board_id, CARDS)
    activity = db.session.get(Activity, vote.id)
    assert [i["id"] for i in queries.load_board(activity).items] == ids

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
    assert sum(reads) <= 4, reads

    db.session.delete(db.session.get(Card, ids[7]))
    db.session.commit()
    reads.clear()
    board = queries.load_board(activity)
    assert [i["id"] for i in board.items] == [i for i in shown if i != ids[7]]
    assert ids[7] not in board.status
    # The stamps, no card changed since, and the ids of the cards left.
    assert reads[0] == 1 and reads[1] <= 2 and reads[2] == CARDS, reads
