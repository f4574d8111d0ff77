"""Prioritisation: dot voting, a top-K ranking or an importance/urgency rating of a board's
cards or themes, with live (or revealed) results in total and per stakeholder role."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, register
from cafe.activities.vote.settings import VoteSettings
from cafe.domain.tally import tally

# Result rows on phones carry no text: the phone already has it in `items`, and phones are many.
_TALLY_KEYS = ("voters", "results", "revealed", "results_shown", "role")
# A phone lists the leading items (the rest are counted), as the projector does: a room of
# a thousand phones would otherwise get every row of a long board after every few votes.
PHONE_ROWS = 20
_PHONE_ROW_KEYS = ("id", "score", "rank", "tied", "dots", "voters", "borda", "first_choices",
                   "importance", "urgency", "n", "quadrant")


class VoteKind(ActivityKind):
    name = "vote"
    Settings = VoteSettings
    locked_settings = ("method", "target", "source")
    scripts = ("js/kinds/vote.js",)
    styles = ("css/kinds/vote.css",)
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
        "vote_role_resident": _l("Residents"),
        "vote_role_volunteer": _l("Volunteers"),
        "vote_role_professional": _l("Professionals"),
        "vote_role_local_government": _l("Local government"),
        "vote_role_experience_expert": _l("Experience experts"),
        "vote_role_other": _l("Other"),
        "vote_role_unspecified": _l("Role not given"),
    }

    def label(self) -> str:
        return str(_l("Priorities vote"))

    def view(self, activity, audience: str) -> dict:
        from cafe.activities.vote import queries

        conf = queries.settings(activity)
        board = queries.load_board(activity)
        shown = queries.display(activity)
        counted = queries.results(activity, board)
        data = {
            **conf.model_dump(mode="json"),
            "has_source": board.source is not None,
            "revealed": bool(shown.revealed),
            "results_shown": conf.reveal == "live" or bool(shown.revealed),
            "role": shown.role,
            "items": board.items,
            "voters": counted["voters"],
            "results": None,
        }
        if audience == "console":
            data["results"] = counted
        elif data["results_shown"] and audience == "projector":
            role = shown.role
            ranking = counted["ranking"]
            if role:
                ranking = counted["by_role"].get(role) or tally(
                    conf.method, board.tally_items(), [], k=conf.rank_k
                )["ranking"]  # nobody of this role voted (yet): every item at zero
            data["results"] = {
                "role": role,
                "voters": counted["voters_by_role"].get(role, 0) if role else counted["voters"],
                "ranking": ranking,
            }
        elif data["results_shown"]:
            data["results"] = {
                "voters": counted["voters"],
                "ranking": [
                    {k: row[k] for k in _PHONE_ROW_KEYS if k in row}
                    for row in counted["ranking"][:PHONE_ROWS]
                ],
                "rows": len(counted["ranking"]),
            }
        return data

    def tally_view(self, activity, audience: str) -> dict:
        """Everything but the settings and the items: ballots and the facilitator's reveal
        change only this part."""
        data = self.view(activity, audience)
        return {key: data[key] for key in _TALLY_KEYS}

    def private_view(self, activity, participant_id: int) -> dict:
        from cafe.activities.vote import queries

        return queries.own_votes(activity, participant_id)

    def results(self, activity) -> dict:
        from cafe.activities.vote import queries

        return queries.results(activity)

    def contributions(self, activity) -> int:
        from cafe.activities.registry import count_where
        from cafe.activities.vote.models import Vote

        return count_where(Vote, Vote.activity_id == activity.id)

    def withdraw(self, activity, participant_id: int):
        from cafe.activities.vote import services

        return services.withdraw(activity, participant_id)


kind = register(VoteKind())


def init_app(app):
    from cafe.activities.vote import events, models  # noqa: F401
