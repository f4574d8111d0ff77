"""A report job interrupted by a restart (its process gone) does not stay "building" with a
page that refreshes forever: start-up marks it failed, and the page offers to build it again."""

import json
import os

from cafe import create_app
from cafe.reports import jobs
from tests.support.report import gone_pid, left_building


def test_a_job_interrupted_by_a_restart_fails_and_can_be_built_again(app, hood, client,
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


def test_a_job_another_running_process_builds_is_left_alone(app, hood):
    job_id = left_building(app, hood, os.getpid())
    assert jobs.fail_interrupted(app.instance_path) == 0
    assert jobs.status(job_id)["state"] == "building"
