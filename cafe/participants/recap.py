"""What one participant contributed to a session, counted for their phone's closing screen.

Each kind counts its own (`ActivityKind.recap`, rows named by its `recap_rows`); a kind that
is not installed counts nothing. Withdrawn contributions are gone from the kinds' tables, so
they are not counted either.
"""

from cafe.activities import registry


def contributions(session_id: int, participant_id: int) -> dict[str, int]:
    """One count per recap row of every kind, e.g. {cards, votes, harvest, canvas}: cards
    written, items voted on, harvest notes written, canvas items added, in this session."""
    counts = {}
    for kind in registry.all_kinds().values():
        counts.update({key: 0 for key in kind.recap_rows})
        counts.update(kind.recap(session_id, participant_id))
    return counts
