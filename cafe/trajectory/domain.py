"""The trajectory's rules as plain functions (no Flask, no database): action statuses and their
history, an indicator's direction and progress, and which dates fall in a report's period."""

from dataclasses import dataclass
from datetime import date, timedelta

STATUSES = ("planned", "started", "done", "parked", "dropped")
DIRECTIONS = ("up", "down")  # up: more is better; down: less is better
VALUE_KINDS = ("figure", "count", "survey", "room")
MAX_TITLE = 300
MAX_TEXT = 2000


class TrajectoryError(ValueError):
    """A rule broken; `code` says which, for the caller's message in the user's language."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_status(status: str, reason: str) -> str:
    """The status to store; dropping an action needs a reason (residents will ask why)."""
    if status not in STATUSES:
        raise TrajectoryError("status")
    if status == "dropped" and not " ".join((reason or "").split()):
        raise TrajectoryError("reason")
    return status


def check_dates(start: date | None, due: date | None) -> None:
    if start and due and due < start:
        raise TrajectoryError("dates")


def parse_number(text) -> float:
    """A value as people type it: "12", "12,5", "1.234,5" (Dutch), " 7 % "."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        cleaned = str(text or "").strip().rstrip("%").strip().replace(" ", "")
        if "," in cleaned and "." in cleaned:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise TrajectoryError("number") from None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e12:
        raise TrajectoryError("number")
    return value


def parse_day(text, default: date | None = None) -> date | None:
    if isinstance(text, date):
        return text
    text = (text or "").strip()
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TrajectoryError("date") from None


@dataclass(frozen=True)
class Change:
    day: date
    status: str


def status_history(created_on: date, changes: list[Change]) -> list[Change]:
    """Every status the action had, oldest first, starting with "planned" on the day it was made;
    a change to the status it already had is no change."""
    history = [Change(created_on, "planned")]
    for change in sorted(changes, key=lambda c: c.day):
        if change.status != history[-1].status:
            history.append(change)
    return history


def status_on(history: list[Change], day: date) -> str | None:
    """The status on a day (None: the action did not exist yet)."""
    current = None
    for change in history:
        if change.day > day:
            break
        current = change.status
    return current


def changed_in(history: list[Change], since: date | None, until: date | None) -> list[Change]:
    return [c for c in history[1:] if in_period(c.day, since, until)]


def in_period(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def period(since: date | None, until: date | None, reported_until: date | None,
           today: date) -> tuple[date | None, date]:
    """The report's period: two dates given, or since the day after the last report (the whole
    trajectory before any report), up to today."""
    until = until or today
    if since is None and reported_until is not None:
        since = reported_until + timedelta(days=1)
    if since is not None and since > until:
        raise TrajectoryError("period")
    return since, until


def trend(direction: str, baseline: float, latest: float | None) -> str | None:
    """better | worse | same, as the community chose what "better" means."""
    if latest is None:
        return None
    if latest == baseline:
        return "same"
    went_up = latest > baseline
    return "better" if went_up == (direction == "up") else "worse"


def progress(direction: str, baseline: float, target: float | None,
             latest: float | None) -> float | None:
    """The share of the way from baseline to target covered (0–1, clipped); None without a
    target or a value, or when the target is the baseline or on the wrong side of it."""
    if target is None or latest is None or target == baseline:
        return None
    if (target > baseline) != (direction == "up"):
        return None
    share = (latest - baseline) / (target - baseline)
    return round(min(max(share, 0.0), 1.0), 3)


def series(baseline: float, baseline_day: date | None, values: list[tuple[date, float]]):
    """The points of an indicator's chart, oldest first, the baseline first when it is dated."""
    points = sorted(values, key=lambda p: p[0])
    if baseline_day is not None:
        points = [(baseline_day, baseline)] + [p for p in points if p[0] != baseline_day]
    return points
