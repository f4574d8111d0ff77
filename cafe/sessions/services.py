"""Creating sessions from plans and moving through their agenda. No Flask, no sockets."""

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select

from cafe.activities import registry
from cafe.core import Changes, Refusal
from cafe.domain import texts
from cafe.extensions import db
from cafe.models import utcnow
from cafe.neighbourhoods.models import Finding
from cafe.security import settings as security
from cafe.sessions.codes import new_code
from cafe.sessions.models import Activity, CafeSession
from cafe.sessions.plans import MAX_ACTIVITIES, Plan, PlanError


def create_session(facilitator, title: str, language: str, plan: Plan | None = None):
    title = " ".join((title or (plan.title if plan else "")).split())
    if not title or len(title) > 200:
        raise Refusal("invalid", _l("Please give the session a title (at most 200 characters)."))
    if plan is not None and len(plan.activities) > MAX_ACTIVITIES:
        raise Refusal("invalid", _l("An agenda holds at most %(n)s activities.", n=MAX_ACTIVITIES))
    session = CafeSession(
        code=_unused_code(),
        title=title,
        language=language,
        facilitator_id=facilitator.id,
        plan_name=plan.name if plan else None,
        projector_key=secrets.token_urlsafe(24),
    )
    db.session.add(session)
    if plan is not None and title == plan.title:
        # The plan's title as it is: with its versions in the other languages.
        texts.store(session, "title", _written(plan, plan.title_text or title), language)
    if plan is not None:
        for position, planned in enumerate(plan.activities):
            kind = registry.get(planned.kind)
            if kind is None:
                raise PlanError(f"{plan.path}: unknown activity kind {planned.kind!r}")
            try:
                settings = kind.validate_settings(planned.settings)
            except ValueError as exc:
                raise PlanError(f"{plan.path}: activity {position + 1}: {exc}") from exc
            activity = Activity(position=position, kind=planned.kind, settings=settings)
            texts.store(activity, "title", _written(plan, planned.title), language)
            texts.store(activity, "prompt", _written(plan, planned.prompt), language)
            session.activities.append(activity)
        # plan_language: what the plan's one-language texts (its statements) are written in.
        session.settings = {"languages": list(dict.fromkeys([language, *plan.languages])),
                            "plan_language": plan.language}
    db.session.flush()
    return session


def _written(plan: Plan, text):
    """A plan's text with its language: a plain string is in the plan's language, which need
    not be the session's (a Dutch plan run with an English projector)."""
    return {plan.language: text} if isinstance(text, str) and text.strip() else text


def _unused_code() -> str:
    while True:
        code = new_code()
        if db.session.scalar(select(CafeSession.id).where(CafeSession.code == code)) is None:
            return code


def get_activity(session_id: int, activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.session_id != session_id:
        raise Refusal("not_found", _l("This activity does not exist."))
    return activity


def set_status(activity: Activity, status: str, keep_open: bool = False) -> Changes:
    """Open or close an activity; opening also puts it on the projector and the phones.

    Opening closes every other open activity of the session, unless the facilitator asked to
    keep them open: a "Welcome" left open all evening keeps phones on the wrong screen."""
    session = activity.session
    changes = Changes(session.id, agenda=True, activities={activity.id})
    if status == "open" and not keep_open:
        for other in session.activities:
            if other.id != activity.id and other.status == "open":
                changes.merge(set_status(other, "closed"))
    old = activity.status
    if status == "open":
        activity.status = "open"
        activity.opened_at = activity.opened_at or utcnow()
        activity.closed_at = None
        session.current_activity_id = activity.id
    elif status == "closed":
        activity.status = "closed"
        activity.closed_at = utcnow()
    else:
        raise Refusal("invalid", _l("Unknown status."))
    kind = registry.get(activity.kind)
    if kind is not None and old != activity.status:
        changes.merge(kind.on_status(activity, old, activity.status))
    db.session.flush()
    return changes


def step(session: CafeSession, direction: int, keep_open: bool = False) -> tuple[Activity, Changes]:
    """Next (+1) or Previous (-1) through the agenda, from the activity on the projector: the
    one it lands on is opened (and, unless keep_open, the others closed)."""
    agenda = list(session.activities)
    ids = [a.id for a in agenda]
    if session.current_activity_id in ids:
        index = ids.index(session.current_activity_id) + direction
    else:
        index = 0 if direction > 0 else -1
    if not 0 <= index < len(agenda):
        if direction > 0:
            raise Refusal("no_next", _l("This is the last activity of the agenda."))
        raise Refusal("no_previous", _l("This is the first activity of the agenda."))
    target = agenda[index]
    return target, set_status(target, "open", keep_open=keep_open)


def end(session: CafeSession) -> Changes:
    """The evening is over: every open activity closes and the session stops accepting joins
    (whoever is in stays in, and can still see the closing screen and withdraw their input).
    The facilitator can open the door again under "Privacy and limits"."""
    changes = Changes(session.id, agenda=True)
    for activity in session.activities:
        if activity.status == "open":
            changes.merge(set_status(activity, "closed"))
    security.update(session, {"joins_open": False})
    db.session.flush()
    return changes


def show(activity: Activity) -> Changes:
    """Put an activity on the projector and phones without opening it (e.g. to show results)."""
    activity.session.current_activity_id = activity.id
    db.session.flush()
    return Changes(activity.session_id, agenda=True, activities={activity.id})


def delete_session(session: CafeSession) -> None:
    # Participants' words copied into a neighbourhood analysis go with their session (the
    # analysis keeps what the facilitator wrote by hand, and the figures).
    db.session.execute(delete(Finding).where(or_(
        Finding.session_id == session.id, Finding.source_key.startswith(f"s{session.id}:"))))
    db.session.delete(session)
    db.session.flush()  # the caller commits, then cafe.security.erase.forget_deleted_rows()
