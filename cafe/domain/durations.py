"""How long an agenda takes: an estimate in minutes from each activity's kind and settings.

The World Café knows its rounds' minutes; the other kinds get the time a facilitator usually
gives them (a welcome, a round of cards, a vote, a canvas).
"""

from collections.abc import Iterable, Mapping

USUAL_MINUTES = {"info": 5, "board": 20, "vote": 10, "canvas": 30}
OTHER_KIND_MINUTES = 15
# Moving tables, the host's summary: what a café adds to its rounds' own minutes.
WORLDCAFE_CHANGEOVER = 5
WORLDCAFE_DEFAULT_ROUNDS = (20, 20, 20)


def activity_minutes(kind: str, settings: Mapping | None) -> int:
    settings = settings or {}
    if kind == "worldcafe":
        rounds = settings.get("rounds") or [{"minutes": m} for m in WORLDCAFE_DEFAULT_ROUNDS]
        minutes = sum(int(r.get("minutes") or 0) for r in rounds if isinstance(r, Mapping))
        # A plenary last round is one of the rounds: its minutes are already counted.
        minutes += WORLDCAFE_CHANGEOVER * len(rounds)
        return minutes
    return USUAL_MINUTES.get(kind, OTHER_KIND_MINUTES)


def agenda_minutes(activities: Iterable[tuple[str, Mapping | None]]) -> int:
    """The estimate for an agenda of (kind, settings) pairs."""
    return sum(activity_minutes(kind, settings) for kind, settings in activities)
