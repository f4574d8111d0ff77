"""Report data built by hand for the report tests: labels that name themselves, findings, a
Delphi summary, and a report job left "building" by a process that is gone."""

import json
import subprocess
import time

from cafe.reports import jobs


class Labels(dict):
    """Every label is its own key in capitals, so the tests see which label went where."""

    def get(self, key, default=None):
        return super().get(key, key.upper())

    def __getitem__(self, key):
        return self.get(key)


def labels():
    found = Labels(blocks={"policy_advice": "POLICY ADVICE", "social_networks": "NETWORKS"},
                   roles={"resident": "Residents"}, levels={"co-decide": "Co-decide"},
                   sections={"priority": "Priority"})
    found.update(voters="%(n)s voted (%(method)s)", votes_n="%(n)s votes",
                 sides="%(agree)s/%(n)s for, %(against)s against")
    return found


def finding(section, text, position=0, detail=None, block=None, key="s1:a1:x", **source):
    return {"section": section, "text": text, "position": position, "detail": detail or {},
            "building_block": block, "source": {"key": key, **source}}


def data(findings, **extra):
    return {"neighbourhood": {"name": "Noord", "municipality": "Gent", "description": ""},
            "figures": [], "stakeholders": [], "findings": findings, **extra}


SUMMARY = {"round": 2, "statements": [
    {"id": 7, "theme": "Mobiliteit", "text": "Autovrij plein", "classification": "dissent",
     "arguments": ["te weinig parking", {"text": "veiliger"}],
     "overall": {"desirability": {"n": 10, "median": 3.0, "iqr": 3.0, "agree": 0.5,
                                  "distribution": {"1": 4, "2": 1, "3": 0, "4": 1, "5": 4}}},
     "panels": {"Partners": {"desirability": {"n": 6, "median": 4.5}},
                "Bewoners": {"desirability": {"n": 4, "median": 1.5}}}},
    {"id": 8, "text": "Buurtpunt", "classification": "consensus", "arguments": [],
     "overall": {"desirability": {"n": 9, "median": 5.0, "iqr": 0.5, "agree": 0.9,
                                  "distribution": {"5": 8, "4": 1}}},
     "panels": {"Partners": {"desirability": {"n": 6}}}},
]}


def left_building(app, hood, pid: int) -> str:
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
