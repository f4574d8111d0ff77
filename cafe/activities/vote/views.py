"""What a vote looks like to the phones, the projector and the console."""

from cafe.activities.vote import queries
from cafe.activities.vote.settings import VoteSettings
from cafe.domain.tally import tally

# Result rows on phones carry no text: the phone already has it in `items`, and phones are many.
TALLY_KEYS = ("voters", "results", "revealed", "results_shown", "role")
# A phone lists the leading items (the rest are counted), as the projector does: a room of
# a thousand phones would otherwise get every row of a long board after every few votes.
PHONE_ROWS = 20
_PHONE_ROW_KEYS = ("id", "score", "rank", "tied", "dots", "voters", "borda", "first_choices",
                   "importance", "urgency", "n", "quadrant")


def view(activity, audience: str) -> dict:
    conf = VoteSettings.of(activity)
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


def tally_view(activity, audience: str) -> dict:
    """Everything but the settings and the items: ballots and the facilitator's reveal
    change only this part."""
    data = view(activity, audience)
    return {key: data[key] for key in TALLY_KEYS}
