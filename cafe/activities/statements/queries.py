"""Reading a statements activity: its statements and how many agree, disagree or pass."""

from sqlalchemy import func, select

from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain import opinion
from cafe.extensions import db


def statements(activity, statuses=("visible",)) -> list[OpinionStatement]:
    return list(db.session.scalars(
        select(OpinionStatement).where(OpinionStatement.activity_id == activity.id,
                                OpinionStatement.status.in_(statuses))
        .order_by(OpinionStatement.position, OpinionStatement.id)))


def counts(activity) -> dict[int, dict[str, int]]:
    """Per statement: how many agree, disagree and pass."""
    names = {opinion.AGREE: "agree", opinion.DISAGREE: "disagree", opinion.PASS: "pass"}
    out: dict[int, dict[str, int]] = {}
    rows = db.session.execute(
        select(OpinionVote.statement_id, OpinionVote.value, func.count())
        .where(OpinionVote.activity_id == activity.id)
        .group_by(OpinionVote.statement_id, OpinionVote.value))
    for statement_id, value, n in rows:
        out.setdefault(statement_id, {"agree": 0, "disagree": 0, "pass": 0})[names[value]] = n
    return out
