"""What a board looks like to the phones, the projector and the console."""

from collections import Counter

from cafe.activities.board import queries
from cafe.activities.board.settings import BoardSettings
from cafe.activities.board.wordcloud import top_words, version
from cafe.domain.building_blocks import BUILDING_BLOCKS


def _common(activity) -> dict:
    conf = BoardSettings.of(activity)
    return {
        "card_types": conf.card_types,
        "premoderation": conf.premoderation,
        "max_length": conf.max_length,
        "max_cards": conf.max_cards_per_participant,
        "blocks": list(BUILDING_BLOCKS) if conf.show_building_blocks else [],
        "wordcloud": conf.wordcloud,
        "display": conf.display if conf.wordcloud else "wall",
    }


def _theme_rows(activity) -> list[dict]:
    return [{"id": t.id, "title": t.title} for t in queries.themes(activity)]


def _cloud(data: dict, cards) -> dict | None:
    """The version of the word cloud the screens should load (None: no cards yet)."""
    if not data["wordcloud"]:
        return None
    return _cloud_of([c.text for c in cards if c.status == "visible"])


def _cloud_of(texts: list[str]) -> dict:
    if not texts:
        return {"version": None, "top": []}
    return {"version": version(texts), "top": top_words(texts)}


def phone_count(activity) -> dict:
    """What phones show of the wall: how many cards are on it (also their `tally` patch)."""
    return {"count": queries.count_by(activity, "status", "visible").get("visible", 0)}


def view(activity, audience: str) -> dict:
    data = _common(activity)
    if audience == "phone":
        # Phones are many: they get the form's settings, not the wall.
        data.update(phone_count(activity))
        return data
    all_cards = queries.cards(activity)
    sources = queries.merged_from(all_cards)
    data["themes"] = _theme_rows(activity)
    data["cloud"] = _cloud(data, all_cards)
    merged = {c.id: len(sources.get(c.id, [])) for c in all_cards}
    if audience == "projector":
        shown = queries.visible(all_cards)
        data["cards"] = [_projector_card(c, merged) for c in shown]
        data["counts"] = dict(Counter(c.type for c in shown))
        return data
    ends = queries.chain_ends(all_cards)
    data["cards"] = [_console_card(c, merged, ends.get(c.id)) for c in all_cards]
    data["counts"] = dict(Counter(c.status for c in all_cards))
    return data


def _projector_card(c, merged: dict[int, int]) -> dict:
    return {"id": c.id, "type": c.type, "text": c.text, "building_block": c.building_block,
            "theme_id": c.theme_id, "merged": merged.get(c.id, 0)}


def _console_card(c, merged: dict[int, int], end: int | None) -> dict:
    return {"id": c.id, "type": c.type, "text": c.text, "original_text": c.original_text,
            "building_block": c.building_block, "theme_id": c.theme_id, "status": c.status,
            "entered_by": c.entered_by, "merged_into": end, "merged": merged.get(c.id, 0)}


def patch(activity, audience: str, ids: set[int]) -> dict:
    """The screens' view of a few changed cards: those cards (by id, in the wall's order), the
    ids gone from this audience's list, and the counts. Reads those cards and the board's
    counters (queries.counts), never the wall; the word cloud comes along only while the
    projector shows it."""
    found = queries.cards_by_id(activity, ids)
    if audience == "projector":
        found = queries.visible(found)
        counts = queries.count_by(activity, "type", "visible")
    else:
        counts = queries.count_by(activity, "status")
    merged = queries.merged_counts([c.id for c in found])
    if audience == "projector":
        rows = [_projector_card(c, merged) for c in found]
    else:
        rows = [_console_card(c, merged, queries.resolve(c.id) if c.status == "merged" else None)
                for c in found]
    # The themes (a handful) come along: a theme added, renamed or deleted is a patch too.
    data = {"counts": counts, "themes": _theme_rows(activity)}
    conf = BoardSettings.of(activity)
    if conf.wordcloud and conf.display == "cloud":
        # The projector shows the cloud: its texts are read (one column), not the cards.
        data["cloud"] = _cloud_of(queries.cloud_texts(activity))
    gone = sorted(set(ids) - {c.id for c in found})
    return {"data": data, "lists": {"cards": {"put": rows, "removed": gone}}}


def own_cards(activity, participant_id: int) -> dict:
    """A participant's own cards (with their status), and how many more they may post."""
    conf = BoardSettings.of(activity)
    own = queries.own_cards(activity, participant_id)
    return {
        "cards": [
            {"id": c.id, "type": c.type, "text": c.text, "status": c.status,
             "building_block": c.building_block}
            for c in reversed(own)
        ],
        "remaining": max(conf.max_cards_per_participant - len(own), 0),
    }
