"""The look-back session ("Terugblik", sessions/terugblik.toml) and its way into the trajectory.

Built from existing kinds, so the room needs nothing new: the facilitator puts the actions on
the session's first board as cards (`seed`), the room rates each card in a rating vote
(importance = how well it is going, urgency = how urgently it needs adapting), and writes on a
second board what to adapt. `attach` then turns each action's rating into a dated update of that
action and each card of the second board into a "what to adapt" line. Attaching again replaces
what the same session attached before, so it can be repeated after a late vote.
"""

from datetime import date

from flask_babel import force_locale
from sqlalchemy import delete, select

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.domain.texts import store
from cafe.extensions import db
from cafe.neighbourhoods.models import Neighbourhood
from cafe.sessions.models import CafeSession
from cafe.trajectory import queries
from cafe.trajectory.labels import labels
from cafe.trajectory.models import Action, Update

PLAN = "terugblik"


def candidates(hood: Neighbourhood) -> list[CafeSession]:
    return list(db.session.scalars(select(CafeSession).where(
        CafeSession.neighbourhood_id == hood.id, CafeSession.plan_name == PLAN)
        .order_by(CafeSession.created_at)))


def results(activity) -> dict:
    kind = registry.get(activity.kind)
    return (kind.results(activity) or {}) if kind else {}


def room_items(votes: list) -> list[tuple[str, str]]:
    """Every vote item that "Ask the room" can record: (activity:item, what the select shows)."""
    out = []
    for activity in votes:
        for row in results(activity).get("ranking") or []:
            out.append((f"{activity.id}:{row['id']}",
                        f"{activity.session.title} · {activity.title} · {row.get('text', '')}"))
    return out


def _boards(session: CafeSession) -> list:
    return [a for a in session.activities if a.kind == "board"]


def _key(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _card_text(action: Action, status: dict) -> str:
    return f"{action.title[:900]} · {status[action.status]}"


def _action_of(text: str, actions: list[Action]) -> Action | None:
    """The action a card names: its title starts the card (the status follows it); the longest
    title wins, so "Buurtmaaltijd" does not take the card of "Buurtmaaltijd in het park"."""
    key = _key(text)
    found = [a for a in actions if key == _key(a.title) or key.startswith(_key(a.title) + " ·")]
    return max(found, key=lambda a: len(a.title), default=None)


def seed(hood: Neighbourhood, session: CafeSession) -> int:
    """The actions still under way (not dropped) as cards on the look-back's first board, each
    with its status, so the projector shows where every action stands."""
    boards = _boards(session)
    if not boards:
        return 0
    board = boards[0]
    cards = list(db.session.scalars(select(Card.text).where(Card.activity_id == board.id)))
    with force_locale(session.language):
        words = labels()
    status = words["status"]
    _show_indicators(hood, session, words)
    added = 0
    for action in db.session.scalars(select(Action).where(
            Action.neighbourhood_id == hood.id, Action.status != "dropped").order_by(Action.id)):
        if any(_action_of(text, [action]) for text in cards):
            continue
        db.session.add(Card(activity_id=board.id, session_id=session.id, participant_id=None,
                            type="need", text=_card_text(action, status), status="visible",
                            entered_by="facilitator"))
        added += 1
    db.session.flush()
    return added


def _number(value) -> str:
    return "–" if value is None else f"{value:g}"


def _show_indicators(hood: Neighbourhood, session: CafeSession, words: dict) -> None:
    """The info step just before the rating vote shows each indicator's way so far: the
    projector reads it to the room before people rate the actions."""
    steps = session.activities
    vote = next((n for n, a in enumerate(steps) if a.kind == "vote"), None)
    info = next((a for a in reversed(steps[:vote or 0]) if a.kind == "info"), None)
    if info is None:
        return
    lines = []
    for indicator in queries.trajectory(hood)["indicators"]:
        unit = f" {indicator['unit']}" if indicator["unit"] else ""
        target = (f"; {words['target']} {_number(indicator['target'])}{unit}"
                  if indicator["target"] is not None else "")
        lines.append(f"{indicator['name']}: {words['baseline']} "
                     f"{_number(indicator['baseline'])}{unit} → "
                     f"{_number(indicator['latest'])}{unit} "
                     f"({words['trend'][indicator['trend']]}){target}")
    if lines:
        store(info, "prompt", "\n".join(lines), session.language)


def attach(hood: Neighbourhood, session: CafeSession, day: date) -> int:
    db.session.execute(delete(Update).where(Update.neighbourhood_id == hood.id,
                                            Update.session_id == session.id))
    actions = list(db.session.scalars(select(Action).where(Action.neighbourhood_id == hood.id)))
    count = 0
    for activity in session.activities:
        if activity.kind != "vote":
            continue
        found = results(activity)
        if found.get("method") != "rate":
            continue
        for row in found.get("ranking") or []:
            action = _action_of(row.get("text", ""), actions)
            if action is None or row.get("importance") is None:
                continue
            db.session.add(Update(
                neighbourhood_id=hood.id, action_id=action.id, day=day, kind="rating",
                session_id=session.id, text=session.title,
                detail={"progress": row["importance"], "adapt": row.get("urgency"),
                        "n": row.get("n", 0), "scale": 5}))
            count += 1
    boards = _boards(session)
    for board in boards[1:]:
        for card in db.session.scalars(select(Card).where(Card.activity_id == board.id,
                                                          Card.status == "visible")
                                       .order_by(Card.id)):
            db.session.add(Update(neighbourhood_id=hood.id, action_id=None, day=day,
                                  kind="adapt", session_id=session.id, text=card.text,
                                  detail={"type": card.type}))
            count += 1
    db.session.flush()
    return count
