"""The trajectory as JSON and CSV, and one indicator's chart as SVG."""

import csv
import io
import json
import re

from flask import Response, abort

from cafe.reports.data import inert
from cafe.trajectory import charts, queries
from cafe.trajectory.labels import labels


def attachment(hood, ext: str) -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", hood.name.lower()).strip("-") or "buurt"
    return {"Content-Disposition": f'attachment; filename="trajectory-{slug}.{ext}"'}


def to_json(data: dict) -> bytes:
    return json.dumps(queries.jsonable(data), ensure_ascii=False, indent=2).encode()


def to_csv(data: dict, words: dict) -> bytes:
    """Two tables in one file, as spreadsheets open it: actions with every status change, then
    indicator values (the baseline first). Cells that a spreadsheet would run are made inert."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["record", "id", "title", "answers", "carrier", "building_block", "status",
                     "day", "text"])
    for action in data["actions"]:
        for change in action["history"]:
            writer.writerow([inert(v) for v in (
                "action", action["id"], action["title"], action["answers"], action["carrier"],
                action["building_block"] or "", change["status"], change["day"].isoformat(),
                "")])
        for update in action["updates"]:
            if update["kind"] != "status":
                writer.writerow([inert(v) for v in (
                    update["kind"], action["id"], action["title"], "", "", "",
                    action["status"], update["day"].isoformat(), update["text"])])
    writer.writerow([])
    writer.writerow(["record", "id", "indicator", "unit", "direction", "day", "value", "kind",
                     "source"])
    for indicator in data["indicators"]:
        base = indicator["baseline_date"].isoformat() if indicator["baseline_date"] else ""
        writer.writerow([inert(v) for v in (
            "baseline", indicator["id"], indicator["name"], indicator["unit"],
            indicator["direction"], base, indicator["baseline"], "", indicator["source"])])
        for value in indicator["values"]:
            writer.writerow([inert(v) for v in (
                "value", indicator["id"], indicator["name"], indicator["unit"],
                indicator["direction"], value["day"].isoformat(), value["value"],
                value["kind"], value["source"])])
    return out.getvalue().encode()


def chart_response(hood, indicator_id: int, cache: str = "private, max-age=60") -> Response:
    data = queries.trajectory(hood)
    found = next((i for i in data["indicators"] if i["id"] == indicator_id), None)
    if found is None:
        abort(404)
    words = labels()
    svg = charts.svg(charts.spec(found, {"baseline": words["baseline"],
                                         "target": words["target"]}))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = cache
    return response
