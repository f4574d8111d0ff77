"""Statements: participants agree, disagree or pass, one statement at a time on the phone;
the analysis finds the room's opinion groups, what every group agrees with and where the room
splits (cafe.domain.opinion)."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, register
from cafe.activities.statements import analysis, services, views
from cafe.activities.statements.settings import StatementsSettings
from cafe.core import Changes


class StatementsKind(ActivityKind):
    name = "statements"
    Settings = StatementsSettings
    missing = _l("These statements do not exist.")
    moderation_events = ("statements:moderate",)  # approve, hide, show
    scripts = ("statements.js",)
    styles = ("statements.css",)
    messages = {
        "st_agree": _l("Agree"),
        "st_disagree": _l("Disagree"),
        "st_pass": _l("Pass / unsure"),
        "st_progress": _l("Statement %(n)s of %(total)s"),
        "st_done": _l("You have voted on every statement. Thank you! You can change a vote below."),
        "st_saved": _l("Your vote is saved."),
        "st_added": _l("Thank you, your statement was added."),
        "st_added_pending": _l("Thank you, the facilitator will look at your statement first."),
        "st_your_group": _l("You are in group %(group)s."),
        "st_group_size": _l("Group %(group)s: %(n)s people"),
        "st_voters": _l("%(n)s people voted, %(votes)s votes."),
        "st_agree_share": _l("agree: %(share)s"),
        "st_disagree_share": _l("disagree: %(share)s"),
        "st_net": _l("agree minus disagree: %(share)s"),
        "st_others": _l("the others: %(share)s"),
        "st_no_groups": _l("Groups appear once at least ten people have voted on enough "
                           "statements and the room shows at least two groups of five."),
        "st_no_clear_groups": _l("No clear groups yet: the votes so far are no more alike "
                                 "within groups than chance would make them."),
        "st_own_map_label": _l("Where you stand: the dot is you, the letters are the "
                               "middles of the groups."),
        "st_unclear": _l("passed by %(share)s"),
        "st_none": _l("None yet."),
        "st_needed": _l("Groups appear when %(n)s more people have each voted on %(each)s "
                        "statements."),
        "st_needed_one": _l("Groups appear when one more person has voted on %(each)s "
                            "statements."),
        "st_needed_spread": _l("Enough people voted; groups appear once their votes differ "
                               "enough."),
        "st_tally": _l("%(agree)s agree · %(disagree)s disagree · %(pass)s pass"),
        "st_pending": _l("waiting for approval"),
        "st_hidden": _l("hidden"),
        "st_approve": _l("Approve"),
        "st_hide": _l("Hide"),
        "st_show": _l("Show again"),
        "st_counts": _l("agree %(a)s · disagree %(d)s · pass %(p)s"),
        "st_map_label": _l("Opinion map: each dot is one anonymous participant; people who "
                           "voted alike are close together."),
    }

    def label(self) -> str:
        return str(_l("Statements: agree or disagree, opinion groups"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def tally_view(self, activity, audience: str) -> dict:
        """A vote changes the analysis only."""
        return {"analysis": self.view(activity, audience)["analysis"]}

    def screens_follow_tally(self, activity_id: int, session_id: int) -> bool:
        """A vote changes the map and the counts, which the analysis brings: the screens get
        it from the runner's publication, not the previous map again first (with 5,000
        people that cost the vote's analysis half a second of the event loop, issue 29)."""
        return not analysis.follow(activity_id, session_id)

    def preview(self, activity, audience: str) -> tuple[dict, dict]:
        return views.preview(activity, audience), {}

    def private_view(self, activity, participant_id: int) -> dict:
        return views.private_view(activity, participant_id)

    def results(self, activity) -> dict:
        return views.results(activity)

    def on_status(self, activity, old: str, new: str):
        if new == "open" and services.seed(activity):
            return Changes(activity.session_id, activities={activity.id})
        return None

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)


kind = register(StatementsKind())
