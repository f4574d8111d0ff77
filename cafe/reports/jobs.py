"""Reports are built in the background, never in the request or on the event loop.

The request takes a snapshot of the analysis (a few queries) and starts a Socket.IO background
task; the task renders every format, each CPU-bound step in a real OS thread (`offload`:
eventlet's tpool or gevent's thread pool; under threading the task is a thread already), and
writes the files and a status.json into the instance folder. The console's status page polls
that status and offers the files once they are there. Built files hold participants' words,
so they are removed after REPORT_TTL seconds.
"""

import json
import logging
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from flask import current_app

from cafe.caches import caches
from cafe.extensions import socketio
from cafe.live.offload import offload
from cafe.reports import build

log = logging.getLogger(__name__)
# A job still "building" after this long was interrupted, even if its process id was reused.
LONGEST_BUILD = 3600
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16}$")


def _tasks(app=None):
    """This app's running report tasks, by job id (bounded: a finished job leaves)."""
    return caches(app).get("reports.tasks", 64)


def folder(job_id: str | None = None) -> Path:
    root = Path(current_app.instance_path) / "reports"
    return root / job_id if job_id else root


def _write_status(job_id: str, status: dict) -> None:
    path = folder(job_id) / "status.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(status))
    tmp.replace(path)  # the poller never reads half a file


def status(job_id: str) -> dict | None:
    if not JOB_ID.match(job_id or ""):
        return None
    try:
        found = json.loads((folder(job_id) / "status.json").read_text())
    except (OSError, ValueError):
        return None
    if _interrupted(found):
        found["state"] = "failed"
        _write_status(job_id, found)
    return found


def _alive(pid) -> bool:
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive, but not ours
        return True
    return True


def _interrupted(found: dict) -> bool:
    """A build whose process is gone (a restart, a crash) never finishes: it failed."""
    if found.get("state") != "building":
        return False
    too_old = time.time() - found.get("started", 0) > LONGEST_BUILD
    return too_old or not _alive(found.get("pid"))


def fail_interrupted(instance_path: str) -> int:
    """At start-up: mark the jobs an earlier process left "building" as failed. Jobs other
    running processes (sharing the instance folder) are building stay as they are."""
    root = Path(instance_path) / "reports"
    failed = 0
    for path in root.glob("*/status.json") if root.exists() else ():
        try:
            found = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if _interrupted(found):
            found["state"] = "failed"
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(found))
            tmp.replace(path)
            failed += 1
    return failed


def file_path(job_id: str, fmt: str) -> Path | None:
    found = status(job_id)
    if not found or fmt not in found.get("files", {}):
        return None
    return folder(job_id) / found["files"][fmt]


def purge(max_age: float | None = None) -> None:
    if max_age is None:
        max_age = float(current_app.config["REPORT_TTL"])
    cutoff = time.time() - max_age
    root = folder()
    if not root.exists():
        return
    for job in root.iterdir():
        if job.is_dir() and job.stat().st_mtime < cutoff:
            shutil.rmtree(job, ignore_errors=True)


def start(hood, facilitator_id: int, language: str, formats=tuple(build.FORMATS)) -> str:
    purge()
    snap = build.snapshot(hood, language)
    job_id = secrets.token_urlsafe(12)
    folder(job_id).mkdir(parents=True)
    _write_status(job_id, {"state": "building", "pid": os.getpid(), "started": time.time(),
                           "hood_id": hood.id,
                           "facilitator_id": facilitator_id, "language": language,
                           "formats": list(formats), "files": {},
                           "states": {fmt: "building" for fmt in formats}, "errors": {}})
    app = current_app._get_current_object()
    _tasks(app)[job_id] = socketio.start_background_task(_run, app, job_id, snap, list(formats))
    return job_id


def reason(err: BaseException) -> dict:
    """Why a format failed, as a code the status page words in the reader's language; the
    exception's own message may quote participants, so only its type is kept."""
    if isinstance(err, MemoryError):
        return {"code": "memory"}
    if isinstance(err, OSError):
        return {"code": "disk"}
    return {"code": "error", "kind": type(err).__name__}


def _run(app, job_id: str, snap: dict, formats: list[str]) -> None:
    """Each format is built on its own: one that fails says why, and the others are offered."""
    with app.app_context():
        current = status(job_id)
        current.setdefault("states", {fmt: "building" for fmt in formats})
        current.setdefault("errors", {})
        cloud = None
        try:
            texts = build.cloud_texts(snap)
            cloud = offload(build.cloud, texts) if texts else None
            if cloud:
                (folder(job_id) / "wordcloud.png").write_bytes(cloud)
                current["files"]["png"] = "wordcloud.png"
        except Exception as err:
            log.exception("report %s: word cloud failed", job_id)
            cloud, current["errors"]["png"] = None, reason(err)
        for fmt in formats:
            try:
                body = offload(build.render, fmt, snap, cloud if fmt in build.NEEDS_CLOUD
                               else None)
                name = build.file_name(snap, fmt)
                (folder(job_id) / name).write_bytes(body)
                current["files"][fmt], current["states"][fmt] = name, "ready"
            except Exception as err:
                log.exception("report %s: %s failed", job_id, fmt)
                current["states"][fmt], current["errors"][fmt] = "failed", reason(err)
            _write_status(job_id, current)
        failed = any(state == "failed" for state in current["states"].values())
        current["state"] = "failed" if failed else "done"
        _write_status(job_id, current)
        _tasks(app).pop(job_id, None)


def wait(job_id: str) -> None:
    """For tests and the CLI: block until the job's task has finished."""
    task = _tasks().get(job_id)
    if task is not None and hasattr(task, "join"):
        task.join()
