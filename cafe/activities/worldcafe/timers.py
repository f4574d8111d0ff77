"""The round's timer: its end time is stored, never counted in memory, so a restarted server (or
another process) shows the same countdown. Clients count down to `ends_at` themselves."""

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l

from cafe.activities.worldcafe import queries, services
from cafe.activities.worldcafe.models import CafeRound
from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.core import Changes, Refusal
from cafe.extensions import db
from cafe.models import utcnow
from cafe.sessions.models import Activity

MAX_EXTEND_MINUTES = 60


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def millis(moment: datetime | None) -> int | None:
    return None if moment is None else int(aware(moment).timestamp() * 1000)


def seconds_left(round_: CafeRound, now: datetime | None = None) -> int:
    if round_.status == "paused":
        return round_.remaining or 0
    if round_.status == "pending":
        return round_.minutes * 60
    if round_.status == "running" and round_.ends_at is not None:
        left = (aware(round_.ends_at) - (now or utcnow())).total_seconds()
        return max(0, int(round(left)))
    return 0


def timer(round_: CafeRound | None) -> dict | None:
    """What a client needs to draw the countdown: the end time and the server's clock (both
    epoch milliseconds), so a phone whose clock is off still counts right."""
    if round_ is None:
        return None
    return {
        "status": round_.status,
        "minutes": round_.minutes,
        "ends_at": millis(round_.ends_at) if round_.status == "running" else None,
        "remaining": seconds_left(round_),
        "server_time": millis(utcnow()),
    }


def _current(activity: Activity) -> CafeRound:
    current = queries.current_round(activity)
    if current is None or current.status == "ended":
        raise Refusal("invalid", _l("No round is going on."))
    return current


def start(activity: Activity) -> tuple[CafeRound, Changes]:
    """Start the round that is set (seating the next one first if needed), or resume it."""
    services.require_open(activity)
    conf = WorldCafeSettings.of(activity)
    current = queries.current_round(activity)
    changes = services.changes(activity)
    if current is None or current.status == "ended":
        number = current.number + 1 if current is not None else 1
        if number > len(conf.rounds):
            raise Refusal("invalid", _l("All rounds are done."))
        if conf.is_plenary(number):
            current = CafeRound(activity_id=activity.id, number=number, status="pending",
                                minutes=conf.rounds[number - 1].minutes)
            db.session.add(current)
        else:
            current, changes = services.allocate(activity)
    if current.status == "running":
        raise Refusal("invalid", _l("This round is already running."))
    seconds = current.remaining if current.status == "paused" else current.minutes * 60
    current.ends_at = utcnow() + timedelta(seconds=seconds)
    current.remaining = None
    current.status = "running"
    db.session.flush()
    return current, changes


def pause(activity: Activity) -> Changes:
    current = _current(activity)
    if current.status != "running":
        raise Refusal("invalid", _l("This round is not running."))
    current.remaining = seconds_left(current)
    current.ends_at = None
    current.status = "paused"
    db.session.flush()
    return services.changes(activity)


def extend(activity: Activity, minutes: int) -> Changes:
    """More time: added to what is left (a round whose time is up gets the minutes from now)."""
    if not 1 <= minutes <= MAX_EXTEND_MINUTES:
        raise Refusal("invalid", _l("Extend by 1 to %(n)s minutes.", n=MAX_EXTEND_MINUTES))
    current = _current(activity)
    extra = timedelta(minutes=minutes)
    if current.status == "running":
        current.ends_at = max(aware(current.ends_at), utcnow()) + extra
    elif current.status == "paused":
        current.remaining = (current.remaining or 0) + minutes * 60
    else:
        current.minutes += minutes
    db.session.flush()
    return services.changes(activity)


def end(activity: Activity) -> Changes:
    current = _current(activity)
    current.status = "ended"
    current.remaining = None
    current.ends_at = utcnow()
    db.session.flush()
    return services.changes(activity)
