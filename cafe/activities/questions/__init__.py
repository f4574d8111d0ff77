"""Questions from the room: phones ask (anonymous unless they sign) and upvote; the facilitator
moderates, merges duplicates, pins the question being answered and marks it answered; the
projector shows the pinned question large and the most upvoted ones."""

from flask_babel import lazy_gettext as _l

from cafe.activities.questions import queries, services, views
from cafe.activities.questions.models import Question
from cafe.activities.questions.settings import QuestionsSettings
from cafe.activities.registry import ActivityKind, count_where, register


class QuestionsKind(ActivityKind):
    name = "questions"
    Settings = QuestionsSettings
    messages = {}

    def label(self) -> str:
        return str(_l("Questions from the room"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def tally_view(self, activity, audience: str) -> dict:
        return views.tally(activity)

    def private_view(self, activity, participant_id: int) -> dict:
        return views.private_view(activity, participant_id)

    def results(self, activity) -> dict:
        return queries.results(activity)

    def contributions(self, activity) -> int:
        return count_where(Question, Question.activity_id == activity.id)

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)


kind = register(QuestionsKind())


def init_app(app):
    from cafe.activities.questions import events  # noqa: F401  (registers the socket handlers)
