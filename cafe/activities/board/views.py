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
    texts = [c.text for c in cards if c.status == "visible"]
    if not texts:
        return {"version": None, "top": []}
    return {"version": version(texts), "top": top_words(texts)}


def view(activity, audience: str) -> dict:
    data = _common(activity)
    if audience == "phone":
        # Phones are many: they get the form's settings, not the wall.
        data["count"] = sum(1 for c in queries.cards(activity) if c.status == "visible")
        return data
    all_cards = queries.cards(activity)
    sources = queries.merged_from(all_cards)
    data["themes"] = _theme_rows(activity)
    data["cloud"] = _cloud(data, all_cards)
    if audience == "projector":
        shown = queries.visible(all_cards)
        data["cards"] = [
            {"id": c.id, "type": c.type, "text": c.text, "building_block": c.building_block,
             "theme_id": c.theme_id, "merged": len(sources.get(c.id, []))}
            for c in shown
        ]
        data["counts"] = dict(Counter(c.type for c in shown))
        return data
    ends = queries.chain_ends(all_cards)
    data["cards"] = [
        {"id": c.id, "type": c.type, "text": c.text, "original_text": c.original_text,
         "building_block": c.building_block, "theme_id": c.theme_id, "status": c.status,
         "entered_by": c.entered_by, "merged_into": ends.get(c.id),
         "merged": len(sources.get(c.id, []))}
        for c in all_cards
    ]
    data["counts"] = dict(Counter(c.status for c in all_cards))
    return data


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
