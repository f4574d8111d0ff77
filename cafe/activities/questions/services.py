"""Asking, upvoting and moderating questions. Never emits, never commits: returns Changes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from cafe.activities.contributions import clean_text
from cafe.activities.questions import queries
from cafe.activities.questions.models import NAME_LENGTH, Question, QuestionVote
from cafe.activities.questions.settings import QuestionsSettings
from cafe.core import Changes, Refusal, closed
from cafe.extensions import db
from cafe.sessions.models import Activity


def _activity_of(question: Question) -> Activity:
    return db.session.get(Activity, question.activity_id)


def _changes(activity: Activity, *participants: int | None) -> Changes:
    """The activity's views, and the private lists of these participants."""
    changes = Changes(activity.session_id, activities={activity.id})
    changes.private |= {(p, activity.id) for p in participants if p is not None}
    return changes


def _clean_name(name: str | None, conf: QuestionsSettings) -> str | None:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        return None
    if not conf.allow_names:
        raise Refusal("invalid", _l("Questions are anonymous here: leave the name empty."),
                      field="name")
    if len(cleaned) > NAME_LENGTH:
        raise Refusal("invalid", _l("This name is too long (at most %(max)s characters).",
                                    max=NAME_LENGTH), field="name")
    return cleaned


def ask(activity: Activity, participant_id: int | None, text: str | None, name: str | None,
        approved: bool) -> tuple[Question, Changes]:
    """A new question from a phone, or one the facilitator enters (participant_id None).
    approved: the facilitator asked or typed it, so pre-moderation does not hold it back."""
    if not activity.is_open:
        raise closed()
    conf = QuestionsSettings.of(activity)
    cleaned = clean_text(text, conf.max_length)
    signed = _clean_name(name, conf)
    if participant_id is not None and (
        queries.count_own(activity, participant_id) >= conf.max_questions_per_participant
    ):
        raise Refusal("over_limit", _l("You have asked the most questions allowed here "
                                       "(%(n)s).", n=conf.max_questions_per_participant))
    pending = conf.moderation == "pre" and not approved
    question = Question(activity_id=activity.id, session_id=activity.session_id,
                        participant_id=participant_id, text=cleaned, name=signed,
                        status="pending" if pending else "visible")
    db.session.add(question)
    db.session.flush()
    return question, _changes(activity, participant_id)


def _delete(question: Question) -> set[int]:
    """Remove a question; the duplicates merged into it come back on their own. Returns the
    people whose own lists or upvotes change with it."""
    group = queries.group(question)
    touched = queries.voters(group)
    for other in db.session.scalars(select(Question).where(Question.id.in_(group[1:]))):
        other.status = "visible"
        other.merged_into_id = None
        touched.add(other.participant_id)
    db.session.delete(question)
    touched.add(question.participant_id)
    return touched


def withdraw_question(question: Question, participant_id: int) -> Changes:
    """Someone takes back a question they asked."""
    if question.participant_id != participant_id:
        raise Refusal("forbidden", _l("You can only withdraw your own questions."))
    activity = _activity_of(question)
    if not activity.is_open:
        raise closed()
    changes = _changes(activity, *_delete(question))
    db.session.flush()
    return changes


def upvote(activity: Activity, participant_id: int, question: Question, up: bool) -> Changes:
    """One upvote per person per question, any question (one's own too, as in Slido);
    `up=False` takes it back. Upvotes on a merged duplicate count for where it went."""
    if not activity.is_open:
        raise closed()
    if question.status == "merged" and question.merged_into_id is not None:
        question = db.session.get(Question, question.merged_into_id) or question
    mine = list(db.session.scalars(select(QuestionVote).where(
        QuestionVote.question_id.in_(queries.group(question)),
        QuestionVote.participant_id == participant_id)))
    if up:
        if question.status != "visible":
            raise Refusal("not_votable", _l("This question is no longer shown."))
        if question.answered:
            raise Refusal("not_votable", _l("This question has been answered already."))
        if mine:
            raise Refusal("duplicate", _l("You already upvoted this question."))
        db.session.add(QuestionVote(activity_id=activity.id, question_id=question.id,
                                    participant_id=participant_id))
    else:
        if not mine:
            raise Refusal("invalid", _l("You have not upvoted this question."))
        for vote in mine:
            db.session.delete(vote)
    db.session.flush()
    return Changes(activity.session_id, tallies={activity.id},
                   private={(participant_id, activity.id)})


def moderate(question: Question, action: str) -> Changes:
    """approve / show: everyone sees it (a merged one comes out again); hide: nobody but the
    console, and it is no longer the pinned one."""
    activity = _activity_of(question)
    if action == "hide":
        if question.status == "merged":
            raise Refusal("invalid", _l("This question was merged; show it first to hide it."))
        question.status = "hidden"
        question.pinned = False
    else:
        question.status = "visible"
        question.merged_into_id = None
    db.session.flush()
    return _changes(activity, question.participant_id, *queries.voters([question.id]))


def merge(source: Question, target: Question) -> Changes:
    """Fold a duplicate into another question of the same activity. The duplicate stays stored
    (merged_into_id) and its upvotes count for the target, one per person."""
    if source.activity_id != target.activity_id:
        raise Refusal("invalid", _l("Questions can only be merged within one activity."))
    activity = _activity_of(source)
    end = target
    if target.status == "merged" and target.merged_into_id is not None:
        end = db.session.get(Question, target.merged_into_id) or target
    if end.id == source.id:
        raise Refusal("invalid", _l("A question cannot be merged into itself."))
    if source.status == "merged":
        raise Refusal("invalid", _l("This question is already merged."))
    if end.status != "visible":
        raise Refusal("invalid", _l("Merge into a question everyone sees."))
    touched = queries.voters(queries.group(source)) | {source.participant_id}
    # One level: what was merged into the duplicate now counts for the target directly.
    db.session.execute(update(Question).where(Question.merged_into_id == source.id)
                       .values(merged_into_id=end.id))
    source.status = "merged"
    source.merged_into_id = end.id
    if source.pinned:
        source.pinned = False
        end.pinned = True
        end.answered = False
    db.session.flush()
    return _changes(activity, *touched)


def set_answered(question: Question, answered: bool) -> Changes:
    """Answered questions move apart on every screen; the pinned one is unpinned."""
    if question.status != "visible":
        raise Refusal("invalid", _l("Only a question everyone sees can be marked answered."))
    question.answered = answered
    if answered:
        question.pinned = False
    db.session.flush()
    return _changes(_activity_of(question), question.participant_id)


def pin(activity: Activity, question: Question | None) -> Changes:
    """The question being answered now, large on the projector; one at a time (pinning
    another unpins the first). None: nothing pinned."""
    if question is not None and question.status != "visible":
        raise Refusal("invalid", _l("Only a question everyone sees can be pinned."))
    db.session.execute(update(Question).where(Question.activity_id == activity.id,
                                              Question.pinned.is_(True))
                       .values(pinned=False))
    if question is not None:
        question.pinned = True
        # Coming back to an answered question opens it again.
        question.answered = False
    db.session.flush()
    return _changes(activity)


def withdraw(activity: Activity, participant_id: int) -> Changes:
    """The participant leaves: their questions and upvotes go, open activity or not."""
    touched = {participant_id}
    for question in queries.own(activity, participant_id):
        touched |= _delete(question)
    db.session.flush()
    db.session.execute(delete(QuestionVote).where(
        QuestionVote.activity_id == activity.id, QuestionVote.participant_id == participant_id))
    db.session.flush()
    return _changes(activity, *touched)
