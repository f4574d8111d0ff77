"""What a vote looks like to the phones, the projector and the console."""

from cafe.activities.vote import counting, queries
from cafe.activities.vote.settings import VoteSettings
from cafe.domain import tally as tallies
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


def live_view(activity, audience: str) -> dict:
    """`view` as the live channel sends it. A phone's: the items as written once per version
    of the board (queries.Board.encoded_items) and the tally read from the ballots, so a
    phone connecting during a vote on 3,000 cards neither ranks nor encodes them all."""
    if audience != "phone":
        return view(activity, audience)
    conf = VoteSettings.of(activity)
    board = queries.load_board(activity)
    return {**conf.model_dump(mode="json"), "has_source": board.source is not None,
            "items": board.encoded_items, **tally_view(activity, audience, board)}


def tally_view(activity, audience: str, board: queries.Board | None = None) -> dict:
    """Everything but the settings and the items: ballots and the facilitator's reveal
    change only this part. Phones get the leading rows, read from the ballots and as many
    items as they show (not the whole board)."""
    if audience != "phone" or not queries.patchable(activity):
        data = view(activity, audience)
        return {key: data[key] for key in TALLY_KEYS}
    conf = VoteSettings.of(activity)
    board = board or queries.load_board(activity)
    shown = queries.display(activity)
    results_shown = conf.reveal == "live" or bool(shown.revealed)
    results = None
    if results_shown:
        top = counting.leading(activity, PHONE_ROWS, board)
        voters = top["voters"]
        results = {"voters": voters, "rows": len(board.items), "ranking": [
            {k: row[k] for k in _PHONE_ROW_KEYS if k in row} for row in top["ranking"]]}
    else:  # hidden results: the phones show the number of voters only
        voters = sum(counting.voters_by_role(activity, board).values())
    return {"voters": voters, "results": results, "revealed": bool(shown.revealed),
            "results_shown": results_shown, "role": shown.role}


def patch(activity, audience: str, ids: set[int]) -> dict | None:
    """A screen's patch after ballots: the rows of the items they touched (the screen puts
    them into its ranking and ranks again, see Cafe.applyPatch `ranked`) and the voters.
    None (the whole view): a ranking vote, or a vote on themes (see queries.patchable)."""
    if not queries.patchable(activity):
        return None
    conf = VoteSettings.of(activity)
    board = queries.load_board(activity, ids)  # cards withdrawn are among these ids
    shown = queries.display(activity)
    counted = counting.rows_of(activity, ids, board)
    data = {"voters": counted["voters"]}
    ranked, merged = {}, {}
    # Cards of the board that changed (posted, hidden, merged, edited) come as the same ids:
    # those on it are put into the items, the others taken out of the items and rankings.
    on_board = sorted(set(ids) & board.ids, key=board.position.get)
    dropped = sorted(set(ids) - board.ids)
    lists = {"items": {"put": [board.items[board.position[i]] for i in on_board],
                       "removed": dropped}}
    if audience == "console":
        ranked["results.ranking"] = counted["ranking"]
        for role, rows in counted["by_role"].items():
            ranked[f"results.by_role.{role}"] = rows
        merged["results"] = {"voters": counted["voters"],
                             "voters_by_role": counted["voters_by_role"]}
        # A role's first voter: the console starts that role's ranking from the total one.
        empty = tallies.rows_of(conf.method, [tallies.Item(0, "")], [], set())["ranking"][0]
        blank = {"from": "results.ranking",
                 "row": {k: v for k, v in empty.items() if k not in ("id", "target", "text")}}
        return {"data": data, "merge": merged, "ranked": ranked, "blank": blank,
                "dropped": dropped, "lists": lists}
    elif conf.reveal == "live" or shown.revealed:
        role = shown.role
        if role:
            # Nobody of this role voted yet: its rows of these items are empty ones.
            ranked["results.ranking"] = counted["by_role"].get(role) or tallies.rows_of(
                conf.method, [board.item(i) for i in ids if i in board.ids], [], board.ids,
            )["ranking"]
        else:
            ranked["results.ranking"] = counted["ranking"]
        merged["results"] = {"voters": counted["voters_by_role"].get(role, 0) if role
                             else counted["voters"]}
    return {"data": data, "merge": merged, "ranked": ranked, "dropped": dropped,
            "lists": lists}
