"""Issue 31: a board's counts of cards by type and status are kept by the database as cards
change (board/counts.py), so the screens read a few rows rather than count the wall. Whoever
writes the cards (the board's services, a bulk insert, a bulk update, a delete), the counters
say what a COUNT of the cards says; on SQLite and on PostgreSQL."""


import pytest
from sqlalchemy import func, insert, select, update

from cafe import create_app
from cafe.activities import registry
from cafe.activities.board import queries, services
from cafe.activities.board.counts import CardCount
from cafe.activities.board.models import Card
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.postgres import scratch_database


def _counted(board_id: int) -> dict:
    return {(t, s): n for t, s, n in db.session.execute(
        select(Card.type, Card.status, func.count()).where(Card.activity_id == board_id)
        .group_by(Card.type, Card.status))}


def _evening(facilitator) -> None:
    plan = load_plan(available_plans()["burning-platform"], registry.all_kinds())
    session = create_session(facilitator, plan.title, "en", plan)
    board = next(a for a in session.activities if a.kind == "board")
    board.status = "open"
    db.session.commit()

    def check(expected: dict):
        db.session.commit()
        assert queries.counts(board) == expected == _counted(board.id)

    db.session.execute(insert(Card), [
        {"activity_id": board.id, "session_id": session.id, "type": "need", "text": f"Kaart {i}",
         "status": "visible", "entered_by": "participant"} for i in range(5)])
    check({("need", "visible"): 5})
    talent, _ = services.add_card(board, None, "talent", "Ik kan koken", None, "facilitator")
    check({("need", "visible"): 5, ("talent", "visible"): 1})
    first, second, third = queries.cards(board)[:3]
    services.set_visible(first, False)
    services.merge(second, third)
    check({("need", "visible"): 3, ("need", "hidden"): 1, ("need", "merged"): 1,
           ("talent", "visible"): 1})
    services.set_visible(second, True)  # out of the merge, back on the wall
    db.session.delete(talent)
    check({("need", "visible"): 4, ("need", "hidden"): 1})
    db.session.execute(update(Card).where(Card.id == third.id).values(status="pending"))
    check({("need", "visible"): 3, ("need", "hidden"): 1, ("need", "pending"): 1})
    db.session.delete(db.session.get(Activity, board.id))
    db.session.commit()
    assert not db.session.scalar(select(func.count()).select_from(CardCount)
                                 .where(CardCount.activity_id == board.id))


def test_the_counters_say_what_counting_the_cards_says(app, facilitator):
    _evening(facilitator)


@pytest.mark.services
def test_the_counters_on_postgresql():
    with scratch_database("cafe_counts") as url:
        app = create_app({"ASYNC_MODE": "threading", "SECRET_KEY": "x", "DATABASE_URL": url})
        with app.app_context():
            db.create_all()
            _evening(create_facilitator("anna", "een lang wachtwoord 123", "en"))
            db.session.remove()
            db.engine.dispose()
