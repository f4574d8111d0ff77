"""Filling in canvases together: items, moves, links, votes, locks. Never emits: returns Changes.

Edits and moves carry the version of the item they were based on; one based on an older
version is refused with the current item, so two people never silently overwrite each other.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select, update

from cafe.activities.canvas import queries
from cafe.activities.canvas.models import Canvas, CanvasItem, CanvasLink, CanvasVote
from cafe.activities.canvas.settings import CanvasSettings
from cafe.activities.contributions import clean_text
from cafe.core import Changes, Refusal, closed
from cafe.extensions import db
from cafe.models import utcnow
from cafe.sessions.models import Activity


def _changes(activity_id: int, session_id: int, *participants: int | None) -> Changes:
    changes = Changes(session_id, activities={activity_id})
    changes.private |= {(p, activity_id) for p in participants if p is not None}
    return changes


def _changes_of(canvas: Canvas, *participants: int | None) -> Changes:
    return _changes(canvas.activity_id, canvas.session_id, *participants)



def _writable(canvas: Canvas, by_phone: bool) -> Activity:
    """Phones change a canvas only while the activity is open and the canvas unlocked; the
    facilitator moderates at any time."""
    activity = db.session.get(Activity, canvas.activity_id)
    if by_phone:
        if not activity.is_open:
            raise closed()
        if canvas.locked:
            raise Refusal("locked", _l("The facilitator has locked this canvas. "
                                       "Nothing can be changed on it now."))
    return activity


def _cell(activity: Activity, field: str, configuration: str | None) -> tuple[str, str | None]:
    """A field of the template and, when the template has configurations, one of them."""
    template = queries.template_of(activity)
    if field not in template.field_keys:
        raise Refusal("invalid", _l("This canvas has no such field."), field="field")
    if template.configurations:
        if configuration not in template.configuration_keys:
            raise Refusal("invalid", _l("Choose one of the configurations."),
                          field="configuration")
        return field, configuration
    return field, None


def add_item(canvas: Canvas, participant_id: int | None, field: str,
             configuration: str | None, text: str | None,
             entered_by: str) -> tuple[CanvasItem, Changes]:
    by_phone = participant_id is not None
    activity = _writable(canvas, by_phone)
    conf = CanvasSettings.of(activity)
    field, configuration = _cell(activity, field, configuration)
    cleaned = clean_text(text, conf.max_length)
    if by_phone and _count_own(activity, participant_id) >= conf.max_items_per_participant:
        raise Refusal("over_limit", _l("You have added the most items allowed here (%(n)s).",
                                       n=conf.max_items_per_participant))
    item = CanvasItem(
        canvas_id=canvas.id, session_id=canvas.session_id, participant_id=participant_id,
        field=field, configuration=configuration, text=cleaned, entered_by=entered_by,
    )
    db.session.add(item)
    db.session.flush()
    return item, _changes_of(canvas, participant_id)


def _count_own(activity: Activity, participant_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(CanvasItem)
        .join(Canvas, Canvas.id == CanvasItem.canvas_id)
        .where(Canvas.activity_id == activity.id, CanvasItem.participant_id == participant_id)
    ) or 0


def item_row(item: CanvasItem) -> dict:
    return {"id": item.id, "text": item.text, "version": item.version, "field": item.field,
            "configuration": item.configuration}


def conflict(item: CanvasItem) -> Refusal:
    db.session.refresh(item)
    return Refusal(
        "conflict",
        _l("Someone else changed this item while you were working on it. Nothing was "
           "overwritten: here is the current version; make your change again if needed."),
        item=item_row(item),
    )


def _change_item(item: CanvasItem, version: int, **values) -> None:
    """Compare and set in one statement: between two writers exactly one wins, whatever the
    number of processes; the other gets the current item back."""
    if item.version != version:
        raise conflict(item)
    result = db.session.execute(
        update(CanvasItem)
        .where(CanvasItem.id == item.id, CanvasItem.version == version)
        .values(version=CanvasItem.version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise conflict(item)
    db.session.refresh(item)


def edit_item(item: CanvasItem, version: int, text: str | None, by_phone: bool) -> Changes:
    canvas = db.session.get(Canvas, item.canvas_id)
    activity = _writable(canvas, by_phone)
    cleaned = clean_text(text, CanvasSettings.of(activity).max_length)
    if cleaned != item.text or item.version != version:
        _change_item(item, version, text=cleaned)
    return _changes_of(canvas, item.participant_id)


def move_item(item: CanvasItem, version: int, field: str, configuration: str | None,
              by_phone: bool) -> Changes:
    canvas = db.session.get(Canvas, item.canvas_id)
    activity = _writable(canvas, by_phone)
    field, configuration = _cell(activity, field, configuration)
    if (field, configuration) != (item.field, item.configuration) or item.version != version:
        _change_item(item, version, field=field, configuration=configuration)
    return _changes_of(canvas, item.participant_id)


def _delete_item(item: CanvasItem) -> set[int]:
    """Remove an item with its links and votes; returns the voters, whose lists change."""
    voters = set(db.session.scalars(
        select(CanvasVote.participant_id).where(CanvasVote.item_id == item.id)))
    db.session.execute(delete(CanvasVote).where(CanvasVote.item_id == item.id))
    db.session.execute(delete(CanvasLink).where(
        or_(CanvasLink.from_item_id == item.id, CanvasLink.to_item_id == item.id)))
    db.session.delete(item)
    return voters


def delete_item(item: CanvasItem, participant_id: int | None) -> Changes:
    """A participant deletes their own item; the facilitator (participant_id None) any."""
    canvas = db.session.get(Canvas, item.canvas_id)
    _writable(canvas, participant_id is not None)
    if participant_id is not None and item.participant_id != participant_id:
        raise Refusal("forbidden", _l("You can only delete your own items."))
    changes = _changes_of(canvas, item.participant_id, *_delete_item(item))
    db.session.flush()
    return changes


def link(source: CanvasItem, target: CanvasItem, participant_id: int | None) -> tuple[
        CanvasLink, Changes]:
    canvas = db.session.get(Canvas, source.canvas_id)
    activity = _writable(canvas, participant_id is not None)
    if target.canvas_id != source.canvas_id:
        raise Refusal("invalid", _l("Only items of the same canvas can be linked."))
    if target.id == source.id:
        raise Refusal("invalid", _l("An item cannot lead to itself."))
    existing = db.session.scalar(select(CanvasLink.id).where(or_(
        (CanvasLink.from_item_id == source.id) & (CanvasLink.to_item_id == target.id),
        (CanvasLink.from_item_id == target.id) & (CanvasLink.to_item_id == source.id),
    )))
    if existing is not None:
        raise Refusal("invalid", _l("These two items are already linked."))
    if participant_id is not None:
        made = db.session.scalar(
            select(func.count()).select_from(CanvasLink)
            .join(Canvas, Canvas.id == CanvasLink.canvas_id)
            .where(Canvas.activity_id == activity.id, CanvasLink.participant_id == participant_id)
        ) or 0
        if made >= CanvasSettings.of(activity).max_items_per_participant:
            raise Refusal("over_limit", _l("You have made the most links allowed here."))
    made_link = CanvasLink(canvas_id=canvas.id, from_item_id=source.id, to_item_id=target.id,
                           participant_id=participant_id)
    db.session.add(made_link)
    db.session.flush()
    return made_link, _changes_of(canvas, participant_id)


def unlink(made_link: CanvasLink, participant_id: int | None) -> Changes:
    """Participants remove the links they made; the facilitator any link."""
    canvas = db.session.get(Canvas, made_link.canvas_id)
    _writable(canvas, participant_id is not None)
    if participant_id is not None and made_link.participant_id != participant_id:
        raise Refusal("forbidden", _l("You can only remove the links you made."))
    db.session.delete(made_link)
    db.session.flush()
    return _changes_of(canvas, participant_id)


def vote(item: CanvasItem, participant_id: int, support: bool) -> Changes:
    """Support an item or take the support back; setting it twice is the same as once."""
    canvas = db.session.get(Canvas, item.canvas_id)
    activity = _writable(canvas, True)
    conf = CanvasSettings.of(activity)
    if not conf.voting:
        raise Refusal("invalid", _l("Voting is not used on this canvas."))
    mine = db.session.scalar(select(CanvasVote).where(
        CanvasVote.item_id == item.id, CanvasVote.participant_id == participant_id))
    if support and mine is None:
        if len(queries.own_votes(activity, participant_id)) >= conf.votes_per_participant:
            raise Refusal("over_limit", _l("You have used all your votes (%(n)s). Take one "
                                           "back first.", n=conf.votes_per_participant))
        db.session.add(CanvasVote(item_id=item.id, participant_id=participant_id))
    elif not support and mine is not None:
        db.session.delete(mine)
    db.session.flush()
    return _changes_of(canvas, participant_id)


def set_locked(canvas: Canvas, locked: bool) -> Changes:
    canvas.locked = locked
    db.session.flush()
    return _changes_of(canvas)


def project(canvas: Canvas) -> Changes:
    """The projector shows this canvas of the activity."""
    db.session.execute(
        update(Canvas).where(Canvas.activity_id == canvas.activity_id)
        .values(projected=Canvas.id == canvas.id)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    db.session.refresh(canvas)
    return _changes_of(canvas)


def withdraw(activity: Activity, participant_id: int) -> Changes:
    """The participant leaves: their items (with links to them) and votes go."""
    changes = _changes(activity.id, activity.session_id, participant_id)
    ids = [c.id for c in queries.canvases(activity)]
    if not ids:
        return changes
    for item in list(db.session.scalars(select(CanvasItem).where(
            CanvasItem.canvas_id.in_(ids), CanvasItem.participant_id == participant_id))):
        changes.private |= {(p, activity.id) for p in _delete_item(item)}
    db.session.execute(delete(CanvasVote).where(
        CanvasVote.participant_id == participant_id,
        CanvasVote.item_id.in_(select(CanvasItem.id).where(CanvasItem.canvas_id.in_(ids)))))
    db.session.execute(delete(CanvasLink).where(
        CanvasLink.participant_id == participant_id, CanvasLink.canvas_id.in_(ids)))
    db.session.flush()
    return changes
