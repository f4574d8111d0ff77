"""World Café (café-dialoog): small tables with a host who stays, rounds with one question and a
timer, people moving between rounds to meet new faces, a harvest per table, and a plenary
harvest whose insights can go on to prioritisation."""

from flask_babel import lazy_gettext as _l

from cafe.activities.registry import ActivityKind, count_where, in_session, register
from cafe.activities.worldcafe import harvest, services, views
from cafe.activities.worldcafe.models import HarvestItem
from cafe.activities.worldcafe.settings import WorldCafeSettings


class WorldCafeKind(ActivityKind):
    name = "worldcafe"
    Settings = WorldCafeSettings
    missing = _l("This World Café does not exist.")
    moderation_events = ("worldcafe:harvest_remove",)
    scripts = ("worldcafe.js",)
    styles = ("worldcafe.css",)
    recap_rows = {"harvest": ("insight", _l("Notes for your table’s harvest"))}
    messages = {
        "worldcafe_table": _l("Table %(n)s"),
        "worldcafe_go_to": _l("Go to table %(table)s"),
        "worldcafe_go_to_named": _l("Go to the table “%(table)s”"),
        "worldcafe_participant": _l("participant #%(n)s"),
        "worldcafe_you_host": _l("You are the host of this table: you stay here every round."),
        "worldcafe_host_is": _l("Your host: %(name)s"),
        "worldcafe_anyone_writes": _l("Everyone at this table can write its harvest."),
        "worldcafe_you_write": _l("You write this table's harvest."),
        "worldcafe_host_writes": _l("%(name)s, the host, writes this table's harvest."),
        "worldcafe_no_writer": _l(
            "Only a host writes the harvest, and this table has none yet: tell the facilitator."),
        "worldcafe_nobody_writes": _l(
            "Only hosts may write the harvest, and these tables have no host: %(tables)s. "
            "Choose a host or let anyone at the table write it."),
        "worldcafe_round": _l("Round %(n)s of %(total)s"),
        "worldcafe_plenary": _l("Plenary harvest"),
        "worldcafe_time_up": _l("Time is up"),
        "worldcafe_paused": _l("Paused"),
        "worldcafe_not_started": _l("Starts soon"),
        "worldcafe_ended": _l("Round over"),
        "worldcafe_time_left": _l("%(time)s left"),
        "worldcafe_people": _l("%(n)s people"),
        "worldcafe_person": _l("1 person"),
        "worldcafe_no_host": _l("no host yet"),
        "worldcafe_host": _l("Host: %(name)s"),
        "worldcafe_harvest_count": _l("%(n)s harvest notes"),
        "worldcafe_cat_insight": _l("Key insight"),
        "worldcafe_cat_question": _l("Open question"),
        "worldcafe_cat_idea": _l("Idea"),
        "worldcafe_said_by_other": _l("said by someone without a phone"),
        "worldcafe_saved": _l("Added to your table's harvest."),
        "worldcafe_removed": _l("Removed from the harvest."),
        "worldcafe_remove": _l("Remove"),
        "worldcafe_remove_item": _l("Remove from the harvest: %(text)s"),
        "worldcafe_no_harvest": _l("Nothing written yet."),
        "worldcafe_seating": _l("Finding a table for you…"),
        "worldcafe_no_theme": _l("Not grouped yet"),
        "worldcafe_choose_host": _l("Choose the host"),
        "worldcafe_nobody": _l("Nobody"),
        "worldcafe_status_pending": _l("set, not started"),
        "worldcafe_status_running": _l("running"),
        "worldcafe_status_paused": _l("paused"),
        "worldcafe_status_ended": _l("over"),
        "worldcafe_status_none": _l("not set yet"),
        "worldcafe_repeats": _l("People meeting again this round: %(n)s pairs"),
        "worldcafe_over_capacity": _l("Some tables have more than %(n)s people."),
        "worldcafe_left": _l("left"),
        "worldcafe_sent": _l("%(n)s cards added to the board."),
        "worldcafe_on_card": _l("on the board"),
        "worldcafe_pair": _l("%(a)s and %(b)s"),
        "worldcafe_delete_theme_confirm": _l("Delete the theme %(title)s? Its notes stay."),
        "worldcafe_unseated": _l("Not at a table"),
        "worldcafe_proposal": _l(
            "%(people)s people are here: %(n)s tables of four or five people suit them."),
        "worldcafe_small_tables": _l(
            "With %(people)s people at %(n)s tables, some tables would have fewer than 3 "
            "people."),
        "worldcafe_use_tables": _l("Use %(n)s tables"),
    }

    def label(self) -> str:
        return str(_l("World Café: tables and rounds"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def preview(self, activity, audience: str) -> tuple[dict, dict]:
        return views.preview(activity, audience)

    def private_view(self, activity, participant_id: int) -> dict:
        return views.private_view(activity, participant_id)

    def results(self, activity) -> dict:
        return views.results(activity)

    def on_status(self, activity, old: str, new: str):
        """The tables exist from the moment the café opens, so hosts can be chosen."""
        if new == "open":
            services.ensure_tables(activity)
        return None

    def contributions(self, activity) -> int:
        return count_where(HarvestItem, HarvestItem.activity_id == activity.id)

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        return {"harvest": count_where(
            HarvestItem, HarvestItem.activity_id.in_(in_session(session_id)),
            HarvestItem.participant_id == participant_id)}

    def withdraw(self, activity, participant_id: int):
        return harvest.withdraw(activity, participant_id)


kind = register(WorldCafeKind())
