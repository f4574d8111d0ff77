"""Questions from the room: phones ask (anonymous unless they sign) and upvote; the facilitator
moderates, merges duplicates, pins the question being answered and marks it answered; the
projector shows the pinned question large and the most upvoted ones."""

from flask_babel import lazy_gettext as _l

from cafe.activities.questions import findings, queries, services, views
from cafe.activities.questions.models import Question
from cafe.activities.questions.settings import QuestionsSettings
from cafe.activities.registry import ActivityKind, count_where, register


class QuestionsKind(ActivityKind):
    name = "questions"
    Settings = QuestionsSettings
    missing = _l("These questions do not exist.")
    moderation_events = ("questions:moderate", "questions:merge")  # approve, hide, show, merge
    scripts = ("questions.js",)
    styles = ("questions.css",)
    recap_rows = {"questions": ("question", _l("Questions you asked"))}
    findings_group = (findings.GROUP, _l("Questions from the room"))
    messages = {
        "q_sent": _l("Your question was sent."),
        "q_sent_pending": _l(
            "Your question was sent. It appears once the facilitator approves it."),
        "q_withdrawn": _l("Your question was withdrawn."),
        "q_withdraw_question": _l("Withdraw this question: %(text)s"),
        "q_upvoted": _l("Your upvote is counted."),
        "q_unvoted": _l("Your upvote was taken back."),
        "q_upvote_label": _l("Upvote: %(text)s; upvotes so far:"),
        "q_status_pending": _l("Waiting for approval"),
        "q_status_visible": _l("Everyone sees it"),
        "q_status_hidden": _l("Hidden by the facilitator"),
        "q_status_merged": _l("Merged with a similar question"),
        "q_status_answered": _l("Answered"),
        "q_pinned": _l("Being answered now"),
        "q_remaining": _l("You can ask %(n)s more questions."),
        "q_none_left": _l("You have asked the most questions allowed here."),
        "q_chars_left": _l("%(n)s characters left"),
        "q_anonymous": _l("Anonymous"),
        "q_votes": _l("upvotes: %(n)s"),
        "q_answered_count": _l("Answered questions (%(n)s)"),
        "q_count": _l("Questions: %(n)s · answered: %(answered)s"),
        "q_empty": _l("No questions yet. Ask yours on your phone!"),
        "q_merge_pick": _l("Choose the question to merge this one into: %(text)s"),
        "q_merged_into": _l("merged into question #%(id)s"),
        "q_merged_count": _l("+%(n)s similar"),
        "q_facilitator": _l("Myself (facilitator)"),
    }

    def label(self) -> str:
        return str(_l("Questions from the room: ask and upvote"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def tally_view(self, activity, audience: str) -> dict:
        return views.tally(activity)

    def private_view(self, activity, participant_id: int) -> dict:
        return views.private_view(activity, participant_id)

    def results(self, activity) -> dict:
        return queries.results(activity)

    def findings(self, results: dict, prefix: str) -> list[dict]:
        return findings.findings(results, prefix)

    def contributions(self, activity) -> int:
        return count_where(Question, Question.activity_id == activity.id)

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        return {"questions": count_where(Question, Question.session_id == session_id,
                                         Question.participant_id == participant_id)}

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)


kind = register(QuestionsKind())
