"""Prioritisation: dot voting, a top-K ranking or an importance/urgency rating of a board's
cards or themes, with live (or revealed) results in total and per stakeholder role."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, count_where, in_session, register
from cafe.activities.vote import queries, services, views
from cafe.activities.vote.models import Vote
from cafe.activities.vote.settings import VoteSettings
from cafe.participants.roles import GROUP_LABELS, UNSPECIFIED_LABEL


class VoteKind(ActivityKind):
    name = "vote"
    has_patches = True  # a ballot: the rows it changed (views.patch)
    Settings = VoteSettings
    missing = _l("This vote does not exist.")
    locked_settings = ("method", "target", "source")
    scripts = ("vote.js",)
    styles = ("vote.css",)
    recap_rows = {"votes": ("done", _l("Items you voted for"))}
    messages = {
        "vote_dots_left": _l("You have %(n)s of %(total)s dots left."),
        "vote_dots_on": _l("%(n)s dots"),
        "vote_dot_one": _l("1 dot"),
        "vote_add_dot": _l("Add a dot to: %(item)s"),
        "vote_remove_dot": _l("Remove a dot from: %(item)s"),
        "vote_rank_add": _l("Add to my top %(k)s"),
        "vote_rank_up": _l("Move up"),
        "vote_rank_down": _l("Move down"),
        "vote_rank_remove": _l("Remove from my ranking"),
        "vote_rank_full": _l("Your top %(k)s is full. Remove one first."),
        "vote_rank_count": _l("You chose %(n)s of %(k)s."),
        "vote_saved": _l("Your vote is saved."),
        "vote_cleared": _l("Your votes were withdrawn."),
        "vote_results_announce": _l("The results are shown."),
        "vote_results_first": _l("First: %(item)s, %(score)s."),
        "vote_voters": _l("Voters: %(n)s"),
        "vote_points": _l("%(n)s points"),
        "vote_point_one": _l("1 point"),
        "vote_first": _l("%(n)s× first choice"),
        "vote_rated_by": _l("rated by %(n)s"),
        "vote_importance_urgency": _l("importance %(i)s · urgency %(u)s"),
        "vote_rank_label": _l("Place %(n)s"),
        "vote_tied": _l("tied"),
        "vote_need": _l("Need"),
        "vote_talent": _l("Talent"),
        "vote_theme": _l("Theme"),
        "vote_total": _l("Everybody"),
        "vote_more": _l("…and %(n)s more (see the console or the report)."),
        "vote_no_items": _l("There is nothing to vote on yet."),
        "vote_no_source": _l("This vote has no board of cards to vote on."),
        "vote_quadrant_important_urgent": _l("Important and urgent"),
        "vote_quadrant_important": _l("Important, less urgent"),
        "vote_quadrant_urgent": _l("Urgent, less important"),
        "vote_quadrant_neither": _l("Less important, less urgent"),
        **{f"vote_role_{role}": label for role, label in GROUP_LABELS.items()},
        "vote_role_unspecified": UNSPECIFIED_LABEL,
    }

    def label(self) -> str:
        return str(_l("Vote: dots, ranking or rating"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def live_view(self, activity, audience: str) -> dict:
        return views.live_view(activity, audience)

    def tally_view(self, activity, audience: str) -> dict:
        return views.tally_view(activity, audience)

    def patch_view(self, activity, audience: str, ids: set[int]) -> dict | None:
        return views.patch(activity, audience, ids)

    def private_view(self, activity, participant_id: int) -> dict:
        return queries.own_votes(activity, participant_id)

    def results(self, activity) -> dict:
        return queries.results(activity)

    def contributions(self, activity) -> int:
        return count_where(Vote, Vote.activity_id == activity.id)

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        return {"votes": count_where(Vote, Vote.activity_id.in_(in_session(session_id)),
                                     Vote.participant_id == participant_id)}

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)

    def followers(self, activity) -> set[int]:
        """The votes on a board's cards or themes."""
        return queries.votes_on(activity) if activity.kind == "board" else set()


kind = register(VoteKind())
