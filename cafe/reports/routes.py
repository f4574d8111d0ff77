"""Report downloads for the facilitator: start a background build, poll it, fetch the files."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cafe.live.offload import offload
from cafe.neighbourhoods.routes import owned
from cafe.reports import build, jobs
from cafe.team.unit import console_action

bp = Blueprint("reports", __name__, url_prefix="/console/neighbourhoods/<int:hood_id>")


def _language() -> str:
    language = request.values.get("lang") or current_user.language
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["DEFAULT_LANGUAGE"]
    return language


def _job(hood_id: int, job_id: str) -> dict:
    owned(hood_id)
    found = jobs.status(job_id)
    if not found or found.get("hood_id") != hood_id or \
            found.get("facilitator_id") != current_user.id:
        abort(404)
    return found


def _reasons(found: dict) -> dict[str, str]:
    """Why each failed format failed, in the reader's language."""
    out = {fmt: _("The build was interrupted (the server stopped or restarted).")
           for fmt, state in _states(found).items()
           if state == "failed" and fmt not in (found.get("errors") or {})}
    for fmt, error in (found.get("errors") or {}).items():
        code = error.get("code")
        if code == "memory":
            out[fmt] = _("The report was too large for the server's memory.")
        elif code == "disk":
            out[fmt] = _("The server could not write the file (its disk may be full).")
        else:
            out[fmt] = _("An unexpected error (%(kind)s). The other formats are not affected.",
                         kind=error.get("kind") or "?")
    return out


def _states(found: dict) -> dict[str, str]:
    """building | ready | failed per format; jobs from before per-format states had none."""
    states = dict(found.get("states") or {})
    for fmt in found.get("formats", []):
        states.setdefault(fmt, "ready" if fmt in found.get("files", {}) else found["state"])
    if found["state"] != "building":  # interrupted: what was still being built never will be
        states = {fmt: "failed" if state == "building" else state
                  for fmt, state in states.items()}
    return states


@bp.post("/reports")
@login_required
@console_action(None)
def start(hood_id: int):
    hood = owned(hood_id)
    job_id = jobs.start(hood, current_user.id, _language())
    return redirect(url_for("reports.show", hood_id=hood.id, job_id=job_id))


@bp.get("/reports/<job_id>")
@login_required
def show(hood_id: int, job_id: str):
    found = _job(hood_id, job_id)
    return render_template("neighbourhoods/report.html", hood=owned(hood_id), job_id=job_id,
                           job=found, formats=build.FORMATS, states=_states(found),
                           reasons=_reasons(found))


@bp.get("/reports/<job_id>/status.json")
@login_required
def job_status(hood_id: int, job_id: str):
    found = _job(hood_id, job_id)
    return jsonify(state=found["state"], files=sorted(found.get("files", {})),
                   formats=_states(found), errors=_reasons(found))


@bp.get("/reports/<job_id>/<fmt>")
@login_required
def download(hood_id: int, job_id: str, fmt: str):
    _job(hood_id, job_id)
    path = jobs.file_path(job_id, fmt)
    if path is None or not path.exists():
        abort(404)
    mimetype = build.FORMATS.get(fmt, "image/png")
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=path.name)


@bp.get("/report.<fmt>")
@login_required
def direct(hood_id: int, fmt: str):
    """One format at once, for scripts and small analyses. The rendering runs through the
    same offload as the background jobs, so the event loop is not held up either."""
    hood = owned(hood_id)
    if fmt not in build.FORMATS:
        abort(404)
    snap = build.snapshot(hood, _language())
    texts = build.cloud_texts(snap)
    cloud = offload(build.cloud, texts) if fmt in build.NEEDS_CLOUD and texts else None
    body = offload(build.render, fmt, snap, cloud)
    return Response(body, mimetype=build.FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="{build.file_name(snap, fmt)}"'})
