"""Reading questions and upvotes: what each audience may see, the results, the recap."""

from sqlalchemy import func, select

from cafe.activities.questions import ranking
from cafe.activities.questions.models import Question, QuestionVote
from cafe.extensions import db


def questions(activity) -> list[Question]:
    return list(db.session.scalars(
        select(Question).where(Question.activity_id == activity.id).order_by(Question.id)
    ))


def votes(activity) -> list[tuple[int, int]]:
    """(question id, participant id) of every upvote in the activity."""
    return [tuple(row) for row in db.session.execute(
        select(QuestionVote.question_id, QuestionVote.participant_id)
        .where(QuestionVote.activity_id == activity.id)
    )]


def ends(all_questions: list[Question]) -> dict[int, int]:
    return ranking.chain_ends({q.id: q.merged_into_id for q in all_questions
                               if q.status == "merged" and q.merged_into_id is not None})


def tally(activity, all_questions: list[Question] | None = None) -> dict[int, int]:
    """{question id: upvotes}, merged duplicates' upvotes counted where they went."""
    all_questions = questions(activity) if all_questions is None else all_questions
    return ranking.vote_counts(votes(activity), ends(all_questions))


def group(question: Question) -> list[int]:
    """The question and the duplicates merged into it. Merges are kept one level deep (merging
    re-points what was merged into the duplicate), so one indexed query finds them."""
    return [question.id] + list(db.session.scalars(
        select(Question.id).where(Question.merged_into_id == question.id,
                                  Question.status == "merged").order_by(Question.id)))


def voters(question_ids: list[int]) -> set[int]:
    if not question_ids:
        return set()
    return set(db.session.scalars(
        select(QuestionVote.participant_id).where(QuestionVote.question_id.in_(question_ids))))


def own(activity, participant_id: int) -> list[Question]:
    return list(db.session.scalars(
        select(Question)
        .where(Question.activity_id == activity.id, Question.participant_id == participant_id)
        .order_by(Question.id)
    ))


def count_own(activity, participant_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Question)
        .where(Question.activity_id == activity.id, Question.participant_id == participant_id)
    ) or 0


def voted(activity, participant_id: int) -> set[int]:
    """The questions this participant's upvotes count for now."""
    rows = [tuple(r) for r in db.session.execute(
        select(QuestionVote.question_id, QuestionVote.participant_id).where(
            QuestionVote.activity_id == activity.id,
            QuestionVote.participant_id == participant_id))]
    if not rows:
        return set()
    return ranking.voted_by(rows, ends(questions(activity)), participant_id)


def pinned(activity) -> Question | None:
    return db.session.scalar(
        select(Question).where(Question.activity_id == activity.id, Question.pinned.is_(True))
        .order_by(Question.id).limit(1)
    )


def asked_in_session(session_id: int, participant_id: int) -> int:
    """For the phone's recap: questions this participant asked in the session."""
    return db.session.scalar(
        select(func.count()).select_from(Question)
        .where(Question.session_id == session_id, Question.participant_id == participant_id)
    ) or 0


def results(activity) -> dict:
    """The `questions` shape of docs/ARCHITECTURE.md: the questions the room saw, most upvoted
    first; no names (not even the ones people gave), no tokens. Hidden, waiting and merged-away
    questions are left out; a merged one's upvotes count for the question it went into."""
    all_questions = questions(activity)
    counts = tally(activity, all_questions)
    chain = ends(all_questions)
    merged: dict[int, int] = {}
    for end in chain.values():
        merged[end] = merged.get(end, 0) + 1
    rows = [
        {"id": q.id, "text": q.text, "votes": counts.get(q.id, 0), "answered": q.answered,
         "pinned": q.pinned, "merged": merged.get(q.id, 0)}
        for q in all_questions if q.status == "visible"
    ]
    return {"type": "questions", "questions": ranking.order(rows, "votes")}
