"""The burning platform: people post short cards, each a need (what burns in the neighbourhood)
or a talent (what it has to offer), optionally tagged with a building block; the facilitator
hides, edits, merges and groups them into themes; the projector shows the wall or a word cloud."""

from flask_babel import lazy_gettext as _l

from cafe.activities.board import queries, services, views
from cafe.activities.board.labels import (
    BUILDING_BLOCK_LABELS,
    CARD_TYPE_LABELS,
    CARD_TYPE_PLURALS,
)
from cafe.activities.board.models import Card
from cafe.activities.board.settings import BoardSettings
from cafe.activities.registry import ActivityKind, count_where, register


class BoardKind(ActivityKind):
    name = "board"
    Settings = BoardSettings
    missing = _l("This board does not exist.")
    moderation_events = ("card:hide", "card:show", "card:edit", "card:merge")
    scripts = ("board.js",)
    styles = ("board.css",)
    recap_rows = {"cards": ("need", _l("Cards you wrote"))}
    messages = {
        **{f"board_type_{k}": v for k, v in CARD_TYPE_LABELS.items()},
        **{f"board_types_{k}": v for k, v in CARD_TYPE_PLURALS.items()},
        **{f"board_block_{k}": v for k, v in BUILDING_BLOCK_LABELS.items()},
        "board_sent": _l("Your card is on the wall."),
        "board_sent_pending": _l(
            "Your card was sent. It appears once the facilitator approves it."
        ),
        "board_withdrawn": _l("Your card was withdrawn."),
        "board_withdraw": _l("Withdraw"),
        "board_withdraw_card": _l("Withdraw this card: %(text)s"),
        "board_status_pending": _l("Waiting for approval"),
        "board_status_visible": _l("On the wall"),
        "board_status_hidden": _l("Hidden by the facilitator"),
        "board_status_merged": _l("Merged with a similar card"),
        "board_remaining": _l("You can post %(n)s more cards."),
        "board_none_left": _l("You have posted the most cards allowed here."),
        "board_chars_left": _l("%(n)s characters left"),
        "board_count": _l("%(n)s cards on the wall"),
        "board_no_cards": _l("No cards yet. Write the first one on your phone!"),
        "board_no_theme": _l("Other cards"),
        "board_merged_count": _l("+%(n)s similar"),
        "board_entered_facilitator": _l("entered by the facilitator"),
        "board_entered_assisted": _l("entered on behalf of a participant"),
        "board_edited": _l("edited; originally: %(text)s"),
        "board_merged_into": _l("merged into card #%(id)s"),
        "board_merge_pick": _l("Choose the card to merge this one into: %(text)s"),
        "board_merge_here": _l("Merge into this card"),
        "board_cloud_alt": _l("Word cloud of the cards. Most used words: %(words)s"),
        "board_cloud_empty": _l("The word cloud appears once there are cards on the wall."),
        "board_no_block": _l("No building block"),
        "board_facilitator": _l("Myself (facilitator)"),
        "board_theme_none": _l("No theme"),
        "board_delete_theme_confirm": _l("Delete the theme %(title)s? Its cards stay."),
    }

    def label(self) -> str:
        return str(_l("Board of cards: needs and talents"))

    def view(self, activity, audience: str) -> dict:
        return views.view(activity, audience)

    def private_view(self, activity, participant_id: int) -> dict:
        return views.own_cards(activity, participant_id)

    def results(self, activity) -> dict:
        return queries.results(activity)

    def contributions(self, activity) -> int:
        return count_where(Card, Card.activity_id == activity.id)

    def recap(self, session_id: int, participant_id: int) -> dict[str, int]:
        return {"cards": count_where(Card, Card.session_id == session_id,
                                     Card.participant_id == participant_id)}

    def withdraw(self, activity, participant_id: int):
        return services.withdraw(activity, participant_id)


kind = register(BoardKind())
