"""The facilitator's trajectory pages, under /console/neighbourhoods/<id>/trajectory.

Every POST is one unit of work (cafe.team.unit.console_action): validate, call services (which
only flush), add the trajectory's log line, and the unit commits once; a refusal rolls
everything back and is shown in the user's language."""

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cafe.core import Refusal
from cafe.domain.building_blocks import BUILDING_BLOCKS
from cafe.extensions import db
from cafe.neighbourhoods.models import Figure, Finding
from cafe.sessions.models import Activity
from cafe.team.permissions import ACTIONS, may, sessions_of
from cafe.team.unit import console_action, unit
from cafe.trajectory import domain, exports, lookback, queries, services
from cafe.trajectory.access import hood_for, role_in
from cafe.trajectory.labels import labels
from cafe.trajectory.models import Action, Indicator, PublicPage

bp = Blueprint("trajectory", __name__,
               url_prefix="/console/neighbourhoods/<int:hood_id>/trajectory")


def today() -> date:
    return date.today()


def _day(field: str = "day") -> date:
    return services.checked(domain.parse_day, request.form.get(field, ""), today())


def _row(model, hood, row_id: int):
    row = db.session.get(model, row_id)
    if row is None or row.neighbourhood_id != hood.id:
        abort(404)
    return row


def _finding(hood, finding_id) -> Finding | None:
    if not finding_id:
        return None
    return _row(Finding, hood, int(finding_id))


def act(hood, name: str, work, anchor: str = "", done: str | None = None):
    """The services' changes and the trajectory's log line, in the request's unit of work."""
    try:
        target = work() or {}
    except Refusal as refusal:
        unit().refuse(refusal.message)
    else:
        # Committed by the unit with the change (cafe.team.unit), or neither.
        services.log(hood, current_user, name, target)
        if done:
            flash(done, "info")
    return redirect(url_for("trajectory.show", hood_id=hood.id) + anchor)


@bp.get("/")
@login_required
def show(hood_id: int):
    hood = hood_for(hood_id, "console")
    role = role_in(current_user, hood)
    data = queries.trajectory(hood)
    linkable = [s for s, r in sessions_of(current_user) if r in ACTIONS["run"]]
    votes = [a for s in linkable if s.neighbourhood_id == hood.id
             for a in s.activities if a.kind == "vote"]
    return render_template(
        "trajectory/console.html", hood=hood, data=data, can_change=role in ACTIONS["run"],
        sources=queries.sources(hood), figures=db.session.query(Figure)
        .filter_by(neighbourhood_id=hood.id).order_by(Figure.id).all(),
        sessions=linkable, votes=votes, room=lookback.room_items(votes),
        blocks=BUILDING_BLOCKS, statuses=domain.STATUSES, kinds=domain.VALUE_KINDS,
        words=labels(), page=db.session.get(PublicPage, hood.id),
        today=today(), lookbacks=lookback.candidates(hood))


@bp.post("/actions")
@login_required
@console_action(None)
def add_action(hood_id: int):
    hood, form = hood_for(hood_id, "run"), request.form

    def work():
        action = services.create_action(
            hood, _day(), form.get("title", ""), form.get("answers", ""),
            form.get("carrier", ""), form.get("block"), form.get("start"), form.get("due"),
            _finding(hood, form.get("finding")))
        return {"action": action.id}
    return act(hood, "trajectory.add_action", work, "#actions", _("Action added."))


@bp.post("/actions/<int:action_id>")
@login_required
@console_action(None)
def edit_action(hood_id: int, action_id: int):
    hood, form = hood_for(hood_id, "run"), request.form
    action = _row(Action, hood, action_id)
    return act(hood, "trajectory.edit_action", lambda: services.edit_action(
        action, form.get("title", ""), form.get("answers", ""), form.get("carrier", ""),
        form.get("block"), form.get("start"), form.get("due")) or {"action": action.id},
        f"#action-{action.id}", _("Saved."))


@bp.post("/actions/<int:action_id>/status")
@login_required
@console_action(None)
def set_status(hood_id: int, action_id: int):
    hood, form = hood_for(hood_id, "run"), request.form
    action = _row(Action, hood, action_id)
    return act(hood, "trajectory.set_status", lambda: services.set_status(
        action, form.get("status", ""), form.get("reason", ""), _day(), form.get("text", ""))
        and {"action": action.id, "status": action.status}, f"#action-{action.id}", _("Saved."))


@bp.post("/actions/<int:action_id>/note")
@login_required
@console_action(None)
def add_note(hood_id: int, action_id: int):
    hood = hood_for(hood_id, "run")
    action = _row(Action, hood, action_id)
    return act(hood, "trajectory.add_note", lambda: services.add_note(
        action, request.form.get("text", ""), _day()) and {"action": action.id},
        f"#action-{action.id}", _("Saved."))


@bp.post("/actions/<int:action_id>/delete")
@login_required
@console_action(None)
def delete_action(hood_id: int, action_id: int):
    hood = hood_for(hood_id, "run")
    action = _row(Action, hood, action_id)
    return act(hood, "trajectory.delete_action",
               lambda: services.delete_row(action) or {"action": action_id}, "#actions")


@bp.post("/indicators")
@login_required
@console_action(None)
def add_indicator(hood_id: int):
    hood, form = hood_for(hood_id, "run"), request.form

    def work():
        if form.get("figure"):
            figure = db.session.get(Figure, int(form["figure"]))
            if figure is None or figure.neighbourhood_id != hood.id:
                abort(404)
            indicator = services.indicator_from_figure(hood, figure, form.get("direction", "up"))
        else:
            indicator = services.create_indicator(
                hood, form.get("name", ""), form.get("unit", ""), form.get("direction") or "up",
                form.get("baseline", ""), form.get("baseline_date") or today().isoformat(),
                form.get("target", ""), _finding(hood, form.get("finding")))
        return {"indicator": indicator.id}
    return act(hood, "trajectory.add_indicator", work, "#indicators", _("Indicator added."))


@bp.post("/indicators/<int:indicator_id>/values")
@login_required
@console_action(None)
def add_value(hood_id: int, indicator_id: int):
    hood, form = hood_for(hood_id, "run"), request.form
    indicator = _row(Indicator, hood, indicator_id)
    return act(hood, "trajectory.add_value", lambda: services.add_value(
        indicator, form.get("day") or today().isoformat(), form.get("value", ""),
        form.get("kind", "figure"), form.get("source", "")) and {"indicator": indicator.id},
        f"#indicator-{indicator.id}", _("Saved."))


@bp.post("/indicators/<int:indicator_id>/room")
@login_required
@console_action(None)
def ask_the_room(hood_id: int, indicator_id: int):
    """A vote's or rating's result as the indicator's value, in one step."""
    hood = hood_for(hood_id, "run")
    indicator = _row(Indicator, hood, indicator_id)
    activity_id, _sep, item_id = request.form.get("item", "").partition(":")
    activity = db.session.get(Activity, int(activity_id)) if activity_id.isdigit() else None
    if (activity is None or activity.kind != "vote" or not item_id.isdigit()
            or activity.session.neighbourhood_id != hood.id
            or not may(current_user, "results", activity.session)):
        abort(404)
    return act(hood, "trajectory.ask_the_room", lambda: services.ask_the_room(
        indicator, activity, lookback.results(activity), int(item_id), _day())
        and {"indicator": indicator.id, "activity": activity.id},
        f"#indicator-{indicator.id}", _("Saved."))


@bp.post("/indicators/<int:indicator_id>/delete")
@login_required
@console_action(None)
def delete_indicator(hood_id: int, indicator_id: int):
    hood = hood_for(hood_id, "run")
    indicator = _row(Indicator, hood, indicator_id)
    return act(hood, "trajectory.delete_indicator",
               lambda: services.delete_row(indicator) or {"indicator": indicator_id},
               "#indicators")


@bp.post("/publish")
@login_required
@console_action(None)
def publish(hood_id: int):
    hood = hood_for(hood_id, "run")
    on = request.form.get("published") == "1"
    return act(hood, "trajectory.publish", lambda: services.publish(hood, on) and {"on": on},
               "#public", _("Saved."))


@bp.post("/link")
@login_required
@console_action(None)
def link_session(hood_id: int):
    """Put one of the facilitator's sessions on this neighbourhood's timeline."""
    hood = hood_for(hood_id, "run")
    session_id = request.form.get("session", type=int)
    session = next((s for s, r in sessions_of(current_user)
                    if s.id == session_id and r in ACTIONS["run"]), None)
    if session is None:
        abort(404)
    return act(hood, "trajectory.link_session", lambda: services.link_session(hood, session)
               or {"session": session.id}, "#timeline", _("Saved."))


@bp.post("/lookback/<int:lookback_id>/<step>")
@login_required
@console_action(None)
def lookback_step(hood_id: int, lookback_id: int, step: str):
    """seed: put the actions on the look-back's board; attach: its ratings and what the room
    said to adapt become the trajectory's updates."""
    hood = hood_for(hood_id, "run")
    session = next((s for s in lookback.candidates(hood) if s.id == lookback_id), None)
    if session is None or step not in ("seed", "attach"):
        abort(404)

    def work():
        if step == "seed":
            count = lookback.seed(hood, session)
        else:
            count = lookback.attach(hood, session, _day())
        flash(_("%(n)s items.", n=count), "info")
        return {"session": session.id, "step": step}
    return act(hood, f"trajectory.lookback_{step}", work, "#lookback")


@bp.get("/export.<fmt>")
@login_required
def export(hood_id: int, fmt: str):
    hood = hood_for(hood_id, "console")
    data = queries.trajectory(hood)
    if fmt == "json":
        return Response(exports.to_json(data), mimetype="application/json",
                        headers=exports.attachment(hood, "json"))
    if fmt == "csv":
        return Response(exports.to_csv(data, labels()), mimetype="text/csv",
                        headers=exports.attachment(hood, "csv"))
    abort(404)


@bp.get("/indicators/<int:indicator_id>.svg")
@login_required
def chart(hood_id: int, indicator_id: int):
    hood = hood_for(hood_id, "console")
    return exports.chart_response(hood, _row(Indicator, hood, indicator_id).id)


@bp.post("/reported")
@login_required
@console_action(None)
def reported(hood_id: int):
    """The report went to the steering committee: the next one starts the day after."""
    hood = hood_for(hood_id, "run")
    return act(hood, "trajectory.reported", lambda: services.mark_reported(hood, _day())
               or {"until": request.form.get("day", "")}, "#report", _("Saved."))
