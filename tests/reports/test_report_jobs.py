"""A report job interrupted by a restart (its process gone) does not stay "building" with a
page that refreshes forever: start-up marks it failed, and the page offers to build it again."""

import json
import os
import subprocess
import time

from cafe import create_app
from cafe.reports import jobs
from tests.test_neighbourhood import hood  # noqa: F401 - fixture


def left_building(app, hood, pid: int) -> str:  # noqa: F811
    job_id = "interruptedjob01"
    folder = jobs.folder(job_id)
    folder.mkdir(parents=True)
    (folder / "status.json").write_text(json.dumps({
        "state": "building", "pid": pid, "started": time.time(), "hood_id": hood.id,
        "facilitator_id": hood.facilitator_id, "language": "nl", "formats": ["docx", "json"],
        "files": {}}))
    return job_id


def gone_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_job_interrupted_by_a_restart_fails_and_can_be_built_again(app, hood, client,  # noqa: F811
                                                                      login):
    job_id = left_building(app, hood, gone_pid())
    create_app({**app.config, "TESTING": True})  # the restart: the app starts up again
    assert json.loads((jobs.folder(job_id) / "status.json").read_text())["state"] == "failed"

    login(client)
    page = f"/console/neighbourhoods/{hood.id}/reports/{job_id}"
    assert client.get(f"{page}/status.json").get_json()["state"] == "failed"
    html = client.get(page).get_data(as_text=True)  # in the facilitator's language
    assert 'http-equiv="refresh"' not in html
    assert "Build the report again" in html
    assert f'action="/console/neighbourhoods/{hood.id}/reports"' in html
    again = client.post(f"/console/neighbourhoods/{hood.id}/reports", data={"lang": "nl"})
    new_job = again.headers["Location"].rsplit("/", 1)[1]
    jobs.wait(new_job)
    assert client.get(f"{again.headers['Location']}/status.json").get_json()["state"] == "done"


def test_a_job_another_running_process_builds_is_left_alone(app, hood):  # noqa: F811
    job_id = left_building(app, hood, os.getpid())
    assert jobs.fail_interrupted(app.instance_path) == 0
    assert jobs.status(job_id)["state"] == "building"
