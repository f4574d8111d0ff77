"""What canvases look like to phones, projector and console, and their results for exports."""

from sqlalchemy import select

from cafe.activities.canvas import queries, templates
from cafe.activities.canvas.models import Canvas, CanvasItem, CanvasLink
from cafe.activities.canvas.queries import canvases, own_votes, template_of
from cafe.activities.canvas.settings import CanvasSettings
from cafe.core import Refusal
from cafe.extensions import db


def sheets(activity, only: list[Canvas] | None = None, console: bool = False) -> list[dict]:
    """Each canvas with its items (in the order they were added) and links."""
    shown = canvases(activity) if only is None else only
    ids = [c.id for c in shown]
    items, links, votes = queries.items(ids), queries.links(ids), queries.votes(ids)
    rows = []
    for canvas in shown:
        item_rows = []
        for item in items[canvas.id]:
            row = {"id": item.id, "field": item.field, "configuration": item.configuration,
                   "text": item.text, "version": item.version, "votes": votes.get(item.id, 0),
                   "seeded": item.entered_by == "priority"}
            if console:
                row["entered_by"] = item.entered_by
            item_rows.append(row)
        rows.append({
            "id": canvas.id, "title": canvas.title, "locked": canvas.locked,
            "projected": canvas.projected, "items": item_rows,
            "links": [{"id": k.id, "from": k.from_item_id, "to": k.to_item_id}
                      for k in links[canvas.id]],
        })
    return rows


def _template(activity) -> dict | None:
    try:
        return template_of(activity).public()
    except Refusal:
        return None


def view(activity, audience: str) -> dict:
    conf = CanvasSettings.of(activity)
    data = {
        "template": _template(activity),
        "scope": conf.scope,
        "voting": conf.voting,
        "votes_per_participant": conf.votes_per_participant,
        "max_length": conf.max_length,
    }
    if audience == "projector":
        all_canvases = canvases(activity)
        shown = [c for c in all_canvases if c.projected] or all_canvases[:1]
        data["count"] = len(all_canvases)
        data["index"] = all_canvases.index(shown[0]) + 1 if shown else 0
        data["canvases"] = sheets(activity, only=shown)
        return data
    data["canvases"] = sheets(activity, console=audience == "console")
    return data


def preview(activity, audience: str, planned: list[tuple[str, int | None]]) -> tuple[dict, dict]:
    """The editor's preview of a canvas that never opened (its canvases are made when it
    opens): the `planned` sheets (title, table), empty, the template's boxes on each."""
    data = view(activity, audience)
    if data["canvases"] or not planned:
        return data, {}
    conf = CanvasSettings.of(activity)
    rows = [{"id": -n, "title": title, "locked": False, "projected": n == 1, "items": [],
             "links": []} for n, (title, _table) in enumerate(planned, start=1)]
    if audience == "projector":
        data.update(count=len(rows), index=1, canvases=rows[:1])
    else:
        data["canvases"] = rows
    mine = {"items": [], "links": [], "votes": [],
            "votes_left": conf.votes_per_participant if conf.voting else 0}
    return data, mine


def private_view(activity, participant_id: int) -> dict:
    """Which items are this participant's own (they may delete them), and their votes."""
    conf = CanvasSettings.of(activity)
    ids = [c.id for c in canvases(activity)]
    mine = list(db.session.scalars(
        select(CanvasItem.id)
        .where(CanvasItem.canvas_id.in_(ids), CanvasItem.participant_id == participant_id)
    )) if ids else []
    links = list(db.session.scalars(
        select(CanvasLink.id)
        .where(CanvasLink.canvas_id.in_(ids), CanvasLink.participant_id == participant_id)
    )) if ids else []
    voted = own_votes(activity, participant_id) if ids else []
    return {
        "items": sorted(mine),
        "links": sorted(links),
        "votes": voted,
        "votes_left": max(conf.votes_per_participant - len(voted), 0) if conf.voting else 0,
    }


def results(activity) -> dict:
    """The `canvas` shape of docs/ARCHITECTURE.md, labels in the session's language; items
    also say their configuration (ICAMO) and whether they came from the priorities."""
    language = activity.session.language
    try:
        template = template_of(activity)
    except Refusal:
        template = None
    fields = template.fields if template else ()
    configurations = template.configurations if template else ()
    out = []
    for sheet in sheets(activity):
        field_rows = []
        keys = [f["key"] for f in fields]
        # Items in a field the template no longer has are kept, under their key.
        keys += sorted({i["field"] for i in sheet["items"]} - set(keys))
        for key in keys:
            spec = next((f for f in fields if f["key"] == key), None)
            field_rows.append({
                "key": key,
                "label": templates.text_in(spec["label"], language) if spec else key,
                "items": [
                    {"id": i["id"], "text": i["text"], "votes": i["votes"],
                     "configuration": i["configuration"], "seeded": i["seeded"]}
                    for i in sheet["items"] if i["field"] == key
                ],
            })
        out.append({
            "id": sheet["id"],
            "title": sheet["title"],
            "locked": sheet["locked"],
            "configurations": [
                {"key": c["key"], "label": templates.text_in(c["label"], language)}
                for c in configurations
            ],
            "fields": field_rows,
            "links": [{"from": k["from"], "to": k["to"]} for k in sheet["links"]],
        })
    return {
        "type": "canvas",
        "template": template.key if template else CanvasSettings.of(activity).template,
        "template_name": templates.text_in(template.name, language) if template else "",
        "canvases": out,
    }
