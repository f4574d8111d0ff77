"""Changing a trajectory. Services validate and flush; the route commits once (with the log
line). Every date is passed in, so a scenario can run a year on a test clock."""

import secrets
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.extensions import db
from cafe.neighbourhoods.models import Figure, Finding, Neighbourhood
from cafe.participants.models import Participant
from cafe.sessions.models import CafeSession
from cafe.trajectory import domain
from cafe.trajectory.domain import MAX_TEXT, MAX_TITLE, TrajectoryError
from cafe.trajectory.models import Action, Indicator, IndicatorValue, LogLine, PublicPage, Update

MESSAGES = {
    "status": _l("Please choose one of the statuses offered."),
    "reason": _l("Please say why the action is dropped."),
    "dates": _l("The due date cannot be before the start date."),
    "number": _l("Please give a number, such as 12 or 12,5."),
    "date": _l("Please give a date as year-month-day, such as 2026-03-31."),
    "period": _l("The start of the period is after its end."),
    "title": _l("Please describe the action (at most 300 characters)."),
    "name": _l("Please name the indicator (at most 300 characters)."),
    "direction": _l("Please say whether more or less is better."),
    "carrier": _l("Who carries the action is an organisation or a role, not a resident's name."),
    "block": _l("Unknown building block."),
    "result": _l("This activity has no result for that item yet."),
    "text": _l("Please write the update (at most 2000 characters)."),
}


def refusal(error: TrajectoryError) -> Refusal:
    return Refusal("invalid", MESSAGES.get(error.code, MESSAGES["text"]), field=error.code)


def _line(text, limit: int) -> str:
    return " ".join(str(text or "").split())[:limit]


def _required(text, limit: int, code: str) -> str:
    cleaned = " ".join(str(text or "").split())
    if not cleaned or len(cleaned) > limit:
        raise refusal(TrajectoryError(code))
    return cleaned


def checked(fn, *args):
    """Run a domain rule; its error becomes a refusal in the user's language."""
    try:
        return fn(*args)
    except TrajectoryError as error:
        raise refusal(error) from None


def _resident_names(hood: Neighbourhood) -> set[str]:
    rows = db.session.scalars(
        select(func.lower(Participant.name)).join(CafeSession,
                                                  CafeSession.id == Participant.session_id)
        .where(CafeSession.neighbourhood_id == hood.id, Participant.name.is_not(None)))
    return {name.strip() for name in rows if name and name.strip()}


def _carrier(hood: Neighbourhood, text) -> str:
    carrier = _line(text, 200)
    if carrier and carrier.lower() in _resident_names(hood):
        raise refusal(TrajectoryError("carrier"))
    return carrier


def _block(block) -> str | None:
    if block and block not in BUILDING_BLOCKS:
        raise refusal(TrajectoryError("block"))
    return block or None


def log(hood: Neighbourhood, user, action: str, target: dict | None = None) -> None:
    db.session.add(LogLine(neighbourhood_id=hood.id, facilitator_id=user.id,
                           username=user.username, action=action[:64], target=target or {}))


def create_action(hood: Neighbourhood, day: date, title, answers="", carrier="", block=None,
                  start=None, due=None, finding: Finding | None = None) -> Action:
    start, due = checked(domain.parse_day, start), checked(domain.parse_day, due)
    checked(domain.check_dates, start, due)
    action = Action(neighbourhood_id=hood.id, title=_required(title, MAX_TITLE, "title"),
                    answers=(answers or "").strip()[:MAX_TEXT], carrier=_carrier(hood, carrier),
                    building_block=_block(block), start_date=start, due_date=due,
                    status="planned", created_on=day)
    if finding is not None:
        action.finding_id = finding.id
        action.source_key = finding.source_key
        action.source_kind = finding.source_kind
        action.source_label = finding.source_label
    db.session.add(action)
    db.session.flush()
    return action


def edit_action(action: Action, title, answers, carrier, block, start, due) -> None:
    hood = db.session.get(Neighbourhood, action.neighbourhood_id)
    start, due = checked(domain.parse_day, start), checked(domain.parse_day, due)
    checked(domain.check_dates, start, due)
    action.title = _required(title, MAX_TITLE, "title")
    action.answers = (answers or "").strip()[:MAX_TEXT]
    action.carrier = _carrier(hood, carrier)
    action.building_block = _block(block)
    action.start_date, action.due_date = start, due
    db.session.flush()


def set_status(action: Action, status: str, reason: str, day: date, text: str = "") -> Update:
    checked(domain.check_status, status, reason)
    action.status = status
    action.reason = _line(reason, MAX_TEXT) if status == "dropped" else ""
    update = Update(neighbourhood_id=action.neighbourhood_id, action_id=action.id, day=day,
                    kind="status", status=status,
                    text=_line(text, MAX_TEXT) or action.reason)
    db.session.add(update)
    db.session.flush()
    return update


def add_note(action: Action, text: str, day: date) -> Update:
    update = Update(neighbourhood_id=action.neighbourhood_id, action_id=action.id, day=day,
                    kind="note", text=_required(text, MAX_TEXT, "text"))
    db.session.add(update)
    db.session.flush()
    return update


def create_indicator(hood: Neighbourhood, name, unit="", direction="up", baseline=None,
                     baseline_date=None, target=None, finding: Finding | None = None,
                     source_label: str = "") -> Indicator:
    if direction not in domain.DIRECTIONS:
        raise refusal(TrajectoryError("direction"))
    indicator = Indicator(
        neighbourhood_id=hood.id, name=_required(name, MAX_TITLE, "name"), unit=_line(unit, 40),
        direction=direction, baseline=checked(domain.parse_number, baseline),
        baseline_date=checked(domain.parse_day, baseline_date),
        target=None if str(target or "").strip() == "" else checked(domain.parse_number, target),
        source_label=_line(source_label, 300))
    if finding is not None:
        indicator.finding_id, indicator.source_key = finding.id, finding.source_key
        indicator.source_label = finding.source_label
    db.session.add(indicator)
    db.session.flush()
    return indicator


def indicator_from_figure(hood: Neighbourhood, figure: Figure, direction: str) -> Indicator:
    """A figure of the neighbourhood analysis as an indicator: its value is the baseline."""
    baseline_date = date(figure.year, 12, 31) if figure.year else None
    return create_indicator(hood, figure.name, figure.unit, direction, figure.value,
                            baseline_date, source_label=figure.source)


def add_value(indicator: Indicator, day, value, kind: str = "figure", source: str = "",
              session_id: int | None = None, activity_id: int | None = None) -> IndicatorValue:
    if kind not in domain.VALUE_KINDS:
        kind = "figure"
    row = IndicatorValue(indicator_id=indicator.id, day=checked(domain.parse_day, day),
                         value=checked(domain.parse_number, value), kind=kind,
                         source=_line(source, 300), session_id=session_id,
                         activity_id=activity_id)
    if row.day is None:
        raise refusal(TrajectoryError("date"))
    db.session.add(row)
    db.session.flush()
    return row


def room_value(results: dict, item_id: int) -> tuple[float, int]:
    """A vote's score for one item and how many gave it: a rating's mean importance, a dot
    vote's dots, a ranking's Borda points."""
    for row in results.get("ranking") or []:
        if row.get("id") == item_id:
            value = row.get("importance") if results.get("method") == "rate" else row.get("score")
            if value is None:
                break
            return float(value), int(row.get("n") or row.get("voters") or 0)
    raise refusal(TrajectoryError("result"))


def ask_the_room(indicator: Indicator, activity, results: dict, item_id: int,
                 day: date) -> IndicatorValue:
    """Record what the room answered in a vote or rating as the indicator's value, one step."""
    value, answered = room_value(results, item_id)
    source = f"{activity.session.title}: {activity.title} (n = {answered})"
    return add_value(indicator, day, value, "room", source, activity.session_id, activity.id)


def page(hood: Neighbourhood) -> PublicPage:
    found = db.session.get(PublicPage, hood.id)
    if found is None:
        found = PublicPage(neighbourhood_id=hood.id, key=secrets.token_urlsafe(12),
                           published=False)
        db.session.add(found)
        db.session.flush()
    return found


def publish(hood: Neighbourhood, on: bool) -> PublicPage:
    found = page(hood)
    found.published = bool(on)
    db.session.flush()
    return found


def mark_reported(hood: Neighbourhood, until: date) -> None:
    page(hood).reported_until = until
    db.session.flush()


def link_session(hood: Neighbourhood, session: CafeSession) -> None:
    session.neighbourhood_id = hood.id
    db.session.flush()


def delete_row(row) -> None:
    db.session.delete(row)
    db.session.flush()
