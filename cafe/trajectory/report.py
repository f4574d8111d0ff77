"""The steering committee's progress report for a period, as DOCX and PDF, in NL/FR/EN.

The words and the data are read in the request (they need the app and the reader's language);
drawing charts and the documents is plain work done off the event loop."""

from datetime import date

from flask import Blueprint, Response, current_app, request
from flask_babel import force_locale
from flask_login import current_user, login_required
from sqlalchemy import select

from cafe.core import Refusal
from cafe.domain.report import Block
from cafe.extensions import db
from cafe.live.offload import offload
from cafe.neighbourhoods.models import Finding
from cafe.reports.documents import to_docx
from cafe.reports.pdf import to_pdf
from cafe.trajectory import charts, domain, exports, queries, services
from cafe.trajectory.access import hood_for
from cafe.trajectory.labels import labels
from cafe.trajectory.models import PublicPage

bp = Blueprint("trajectory_report", __name__,
               url_prefix="/console/neighbourhoods/<int:hood_id>/trajectory")
REPORT_LANGUAGES = ("nl", "fr", "en")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf"}


def _d(day) -> str:
    return day.isoformat() if day else "–"


def _number(value, unit: str = "") -> str:
    return "–" if value is None else f"{value:g}{(' ' + unit) if unit else ''}"


def blocks(data: dict, words: dict, dissent: list[str], charts_png: dict[int, bytes]) -> list:
    """The report as blocks, in the reader's words (already translated)."""
    hood, period = data["neighbourhood"], data["period"]
    status = words["status"]
    out = [Block("h1", f"{words['report_title']}: {hood['name']}"),
           Block("p", f"{words['period']}: {_d(period['since'])} – {_d(period['until'])}"),
           Block("h2", words["priorities"])]
    out.append(Block("bullets", items=[p["text"] for p in data["priorities"]])
               if data["priorities"] else Block("note", words["none"]))
    out.append(Block("h2", words["actions"]))
    for state, actions in queries.by_status(data["actions"]):
        out.append(Block("h3", f"{status[state]} ({len(actions)})"))
        for action in actions:
            mark = words["changed"] if action["changed"] else words["unchanged"]
            out.append(Block("strong", f"{action['title']} · {mark}"))
            facts = [f"{words['answers']}: {action['answers']}" if action["answers"] else "",
                     f"{words['carrier']}: {action['carrier']}" if action["carrier"] else "",
                     f"{words['start']}: {_d(action['start_date'])} · "
                     f"{words['due']}: {_d(action['due_date'])}",
                     f"{words['reason']}: {action['reason']}" if action["reason"] else ""]
            out.append(Block("p", " · ".join(f for f in facts if f)))
            out.append(Block("table", headers=[words["history"], ""], widths=[1, 3], rows=[
                [_d(c["day"]), status[c["status"]]] for c in action["history"]]))
            notes = [f"{_d(u['day'])}: {_update_text(u, words)}" for u in action["updates"]
                     if u["kind"] != "status"
                     and domain.in_period(u["day"], period["since"], period["until"])]
            if notes:
                out.append(Block("bullets", items=notes))
    out.append(Block("h2", words["indicators"]))
    for indicator in data["indicators"]:
        unit = indicator["unit"]
        out.append(Block("h3", indicator["name"]))
        out.append(Block("p", " · ".join([
            words["direction"][indicator["direction"]],
            f"{words['baseline']}: {_number(indicator['baseline'], unit)} "
            f"({_d(indicator['baseline_date'])})",
            f"{words['target']}: {_number(indicator['target'], unit)}",
            f"{words['latest']}: {_number(indicator['latest'], unit)}",
            words["trend"][indicator["trend"]]])))
        out.append(Block("image", image=charts_png.get(indicator["id"]),
                         text=words["chart"].replace("%(name)s", indicator["name"])))
    out.append(Block("h2", words["lookback"]))
    adapt = [u["text"] for u in data["lookback"]["adapt"]]
    out.append(Block("bullets", items=adapt) if adapt else Block("note", words["none"]))
    if dissent:
        out.append(Block("h3", words["dissent"]))
        out.append(Block("bullets", items=dissent))
    return out


def _update_text(update: dict, words: dict) -> str:
    if update["kind"] == "rating":
        detail = update["detail"]
        return (f"{words['rating']}: {detail.get('progress')}/{detail.get('scale', 5)} "
                f"(n = {detail.get('n', 0)})")
    return update["text"]


def render(fmt: str, data: dict, words: dict, dissent: list[str], language: str) -> bytes:
    pngs = {i["id"]: charts.png(charts.spec(i, {"baseline": words["baseline"],
                                                "target": words["target"]}))
            for i in data["indicators"]}
    built = blocks(data, words, dissent, pngs)
    footer = f"{words['report_title']} · {data['neighbourhood']['name']}"
    if fmt == "docx":
        return to_docx(built, footer)
    return to_pdf(built, footer, data["neighbourhood"]["name"], language)


@bp.get("/report.<fmt>")
@login_required
def report(hood_id: int, fmt: str):
    hood = hood_for(hood_id, "console")
    if fmt not in MIME:
        return Response(status=404)
    language = request.args.get("lang") or current_user.language
    if language not in REPORT_LANGUAGES:
        language = "nl"
    page = db.session.get(PublicPage, hood.id)
    try:
        since, until = services.checked(
            domain.period, services.checked(domain.parse_day, request.args.get("since")),
            services.checked(domain.parse_day, request.args.get("until")),
            page.reported_until if page else None, date.today())
    except Refusal as refusal:
        return Response(str(refusal.message), status=400, mimetype="text/plain")
    data = queries.trajectory(hood, since, until)
    dissent = list(db.session.scalars(select(Finding.text).where(
        Finding.neighbourhood_id == hood.id, Finding.section == "dissent")))
    with force_locale(language):
        words = labels()
    body = offload(render, fmt, data, words, dissent, language)
    headers = exports.attachment(hood, fmt)
    headers["Content-Disposition"] = headers["Content-Disposition"].replace(
        "trajectory-", f"progress-{language}-")
    current_app.logger.info("progress report %s for neighbourhood %s", fmt, hood.id)
    return Response(body, mimetype=MIME[fmt], headers=headers)


