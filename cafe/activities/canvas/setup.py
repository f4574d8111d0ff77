"""Laying out an activity's canvases when it opens: for the room, per table or per group, and
starting from the top priorities of the vote before it."""

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.canvas.models import Canvas, CanvasItem
from cafe.activities.canvas.queries import canvases, template_of
from cafe.activities.canvas.settings import CanvasSettings
from cafe.core import Changes, Refusal
from cafe.extensions import db
from cafe.sessions.models import Activity


def _before(activity: Activity, kind: str) -> Activity | None:
    """The nearest activity of this kind earlier in the agenda."""
    return db.session.scalar(
        select(Activity)
        .where(Activity.session_id == activity.session_id, Activity.kind == kind,
               Activity.position < activity.position)
        .order_by(Activity.position.desc())
        .limit(1)
    )


def _results(activity: Activity | None) -> dict:
    """Another kind's results, or {} when that kind or its results are not there (yet)."""
    kind = registry.get(activity.kind) if activity is not None else None
    if kind is None:
        return {}
    try:
        return kind.results(activity) or {}
    except Exception:  # another kind's bug must not keep this canvas from opening
        current_app.logger.exception("results of activity %s unavailable", activity.id)
        return {}


def sheets(activity: Activity) -> list[tuple[str, int | None]]:
    """(title, World Café table id) of each canvas the settings ask for."""
    conf = CanvasSettings.of(activity)
    if conf.scope == "room":
        return [(activity.title, None)]
    if conf.scope == "groups":
        return [(name, None) for name in conf.groups]
    tables = _results(_before(activity, "worldcafe")).get("tables") or []
    named = [(str(t.get("name") or t.get("id")), t.get("id")) for t in tables
             if isinstance(t, dict)]
    if named:
        return named
    if conf.groups:
        return [(name, None) for name in conf.groups]
    with force_locale(activity.session.language):
        return [(_("Table %(n)s", n=n), None) for n in range(1, conf.tables + 1)]


def lay_out(activity: Activity) -> list[Canvas]:
    """Create the canvases once; later calls return the existing ones."""
    existing = canvases(activity)
    if existing:
        return existing
    made = [
        Canvas(activity_id=activity.id, session_id=activity.session_id, title=title[:200],
               position=position, table_id=table_id, projected=position == 0)
        for position, (title, table_id) in enumerate(sheets(activity))
    ]
    db.session.add_all(made)
    db.session.flush()
    return made


def priorities(activity: Activity) -> list[str]:
    """Texts of the top priorities of the vote before this canvas, best first."""
    ranking = _results(_before(activity, "vote")).get("ranking") or []
    texts = [row.get("text") for row in ranking if isinstance(row, dict)]
    texts = [" ".join(str(t).split()) for t in texts if t]
    return texts[: CanvasSettings.of(activity).priorities]


def seed(activity: Activity, sheets_: list[Canvas]) -> None:
    """Copy the top priorities into the template's priorities field, once per canvas; with
    configurations, into the first one (people move them from there)."""
    conf = CanvasSettings.of(activity)
    try:
        template = template_of(activity)
    except Refusal:
        return
    if not conf.start_from_priorities or template.priorities_field is None:
        return
    todo = [c for c in sheets_ if not c.seeded]
    if not todo:
        return
    texts = priorities(activity)
    if not texts:
        return  # no vote yet, or no results: the canvas starts empty, seeded later on reopen
    first = template.configurations[0]["key"] if template.configurations else None
    for canvas in todo:
        for text in texts:
            db.session.add(CanvasItem(
                canvas_id=canvas.id, session_id=canvas.session_id, participant_id=None,
                field=template.priorities_field, configuration=first,
                text=text[: conf.max_length], entered_by="priority",
            ))
        canvas.seeded = True
    db.session.flush()


def on_open(activity: Activity) -> Changes:
    sheets_ = lay_out(activity)
    seed(activity, sheets_)
    return Changes(activity.session_id, activities={activity.id})
