"""What one participant contributed to a session, counted for their phone's closing screen.

Counts only, read from the kinds' own tables; a kind that is not installed counts nothing.
Withdrawn contributions are gone from those tables, so they are not counted either.
"""

from importlib import import_module

from sqlalchemy import func, select

from cafe.extensions import db
from cafe.sessions.models import Activity

# name shown on the phone → (module, model, how the rows belong to the session)
COUNTED = {
    "cards": ("cafe.activities.board.models", "Card", "session"),
    "votes": ("cafe.activities.vote.models", "Vote", "activity"),
    "harvest": ("cafe.activities.worldcafe.models", "HarvestItem", "activity"),
    "canvas": ("cafe.activities.canvas.models", "CanvasItem", "session"),
}


def _model(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def contributions(session_id: int, participant_id: int) -> dict[str, int]:
    """{cards, votes, harvest, canvas}: cards written, items voted on, harvest notes written,
    canvas items added, in this session."""
    activities = select(Activity.id).where(Activity.session_id == session_id)
    counts = {}
    for name, (module, model_name, scope) in COUNTED.items():
        model = _model(module, model_name)
        if model is None:
            counts[name] = 0
            continue
        query = select(func.count()).select_from(model).where(
            model.participant_id == participant_id)
        if scope == "session":
            query = query.where(model.session_id == session_id)
        else:
            query = query.where(model.activity_id.in_(activities))
        counts[name] = db.session.scalar(query) or 0
    return counts
