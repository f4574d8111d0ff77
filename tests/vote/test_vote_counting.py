"""Issue 31: what the database counts for a ballot's updates (vote/counting.py) is what the
full tally of every ballot says: voters by role, the rows of the items a ballot touched, the
phones' leading rows — with cards merged (a chain), hidden, and taken back after votes."""

import random

import pytest
from sqlalchemy import insert

from cafe.activities.board.models import Card
from cafe.activities.vote import counting, queries
from cafe.activities.vote.models import Vote
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity

MEDIANS = ("importance_median", "urgency_median")


def _strip(rows, *keys):
    return {row["id"]: {k: v for k, v in row.items() if k not in keys} for row in rows}


@pytest.mark.parametrize("method", ["dot", "rate"])
@pytest.mark.parametrize("seed", range(3))
def test_counted_by_the_database_is_the_full_tally(make_vote, method, seed):
    rng = random.Random(seed)
    session, vote, cards = make_vote(cards=("visible",) * 24, method=method, reveal="live")
    db.session.execute(insert(Participant), [
        {"session_id": session.id, "token_hash": f"count-{method}-{seed}-{n}",
         "role": rng.choice(["resident", "professional", None])} for n in range(40)])
    voters = list(db.session.scalars(
        db.select(Participant.id).where(Participant.session_id == session.id)))
    gone = cards[-1] + 1000  # a card taken back after it got votes
    entries = []
    for voter in voters:
        for item in rng.sample([*cards, gone], rng.randint(0, 5)):
            entry = {"activity_id": vote.id, "participant_id": voter, "target": "card",
                     "item_id": item, "entered_by": "participant"}
            if method == "dot":
                entry["dots"] = rng.randint(1, 2)
            else:
                entry.update(importance=rng.randint(1, 5), urgency=rng.randint(1, 5))
            entries.append(entry)
    db.session.execute(insert(Vote), entries)
    # A chain of merges (cards[5] -> cards[4] -> cards[2]) and two hidden cards, one of them
    # the only choice of some voters (they are no voters any more).
    for source, target in ((cards[5], cards[4]), (cards[4], cards[2])):
        card = db.session.get(Card, source)
        card.status, card.merged_into_id = "merged", target
    for hidden in (cards[7], cards[8]):
        db.session.get(Card, hidden).status = "hidden"
    db.session.commit()
    activity = db.session.get(Activity, vote.id)
    board = queries.load_board(activity)
    full = queries.results(activity, board)
    assert full["voters"] > 20  # the test means something

    by_role = counting.voters_by_role(activity, board)
    assert by_role == full["voters_by_role"]
    some = {cards[2], cards[3], cards[5], cards[7], cards[20]}
    part = counting.rows_of(activity, some, board)
    shown = some & board.ids
    assert part["voters"] == full["voters"]
    assert _strip(part["ranking"], "rank", "tied") == {
        i: row for i, row in _strip(full["ranking"], "rank", "tied").items() if i in shown}
    for role, ranking in full["by_role"].items():
        assert _strip(part["by_role"][role], "rank", "tied") == {
            i: row for i, row in _strip(ranking, "rank", "tied").items() if i in shown}
    lead = counting.leading(activity, 10, board)
    assert lead["voters"] == full["voters"]
    assert lead["ranking"] == [{k: v for k, v in row.items() if k not in MEDIANS}
                               for row in full["ranking"][:10]]
