"""Reading canvases: the activity's canvases and template, their items, links and votes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from cafe.activities.canvas import templates
from cafe.activities.canvas.models import Canvas, CanvasItem, CanvasLink, CanvasVote
from cafe.activities.canvas.settings import CanvasSettings
from cafe.core import Refusal
from cafe.extensions import db
from cafe.sessions.models import Activity


def template_of(activity: Activity) -> templates.CanvasTemplate:
    try:
        return templates.get(CanvasSettings.of(activity).template)
    except templates.TemplateError:
        raise Refusal("invalid", _l("The template of this canvas cannot be read.")) from None


def canvases(activity: Activity) -> list[Canvas]:
    return list(db.session.scalars(
        select(Canvas).where(Canvas.activity_id == activity.id).order_by(Canvas.position)
    ))


def own_votes(activity: Activity, participant_id: int) -> list[int]:
    return list(db.session.scalars(
        select(CanvasVote.item_id)
        .join(CanvasItem, CanvasItem.id == CanvasVote.item_id)
        .join(Canvas, Canvas.id == CanvasItem.canvas_id)
        .where(Canvas.activity_id == activity.id, CanvasVote.participant_id == participant_id)
        .order_by(CanvasVote.item_id)
    ))


def items(ids: list[int]) -> dict[int, list[CanvasItem]]:
    by_canvas: dict[int, list[CanvasItem]] = {i: [] for i in ids}
    for item in db.session.scalars(
        select(CanvasItem).where(CanvasItem.canvas_id.in_(ids)).order_by(CanvasItem.id)
    ):
        by_canvas[item.canvas_id].append(item)
    return by_canvas


def links(ids: list[int]) -> dict[int, list[CanvasLink]]:
    by_canvas: dict[int, list[CanvasLink]] = {i: [] for i in ids}
    for made in db.session.scalars(
        select(CanvasLink).where(CanvasLink.canvas_id.in_(ids)).order_by(CanvasLink.id)
    ):
        by_canvas[made.canvas_id].append(made)
    return by_canvas


def votes(ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(CanvasVote.item_id, func.count())
        .join(CanvasItem, CanvasItem.id == CanvasVote.item_id)
        .where(CanvasItem.canvas_id.in_(ids))
        .group_by(CanvasVote.item_id)
    )
    return dict(rows.all())
