"""`cafe seed`: a migrated database with facilitators and a session from a plan, printed as
JSON; run again, it keeps the accounts and adds a session; a bad request changes nothing."""

import json
import sqlite3

import pytest
from werkzeug.security import check_password_hash

from tests.support.server import cafe_command

PASSWORD = "correct horse battery"


def test_seed_makes_a_session_from_a_plan_and_keeps_existing_accounts(tmp_path):
    instance, url = tmp_path / "instance", f"sqlite:///{tmp_path / 'cafe.db'}"
    first = json.loads(cafe_command(instance, url, "seed", "--plan", "wereldcafe",
                                    "--facilitator", f"anna:{PASSWORD}",
                                    "--facilitator", f"bert:{PASSWORD}"))
    assert first["facilitators"] == ["anna", "bert"]
    assert first["join"] == f"/j/{first['code']}"
    assert first["projector"] == f"/p/{first['code']}?key={first['key']}"
    again = json.loads(cafe_command(instance, url, "seed", "--plan", "wereldcafe",
                                    "--facilitator", "anna:another password", "--language", "en"))
    assert again["code"] != first["code"] and again["facilitators"] == ["anna"]

    with sqlite3.connect(tmp_path / "cafe.db") as db:
        sessions = db.execute("SELECT s.id, s.language, f.username FROM sessions s JOIN "
                              "facilitators f ON f.id = s.facilitator_id ORDER BY s.id").fetchall()
        kinds = [k for (k,) in db.execute("SELECT kind FROM activities WHERE session_id = ? "
                                          "ORDER BY position", (first["id"],))]
        hashes = db.execute("SELECT username, password_hash FROM facilitators").fetchall()
    assert sessions == [(first["id"], "nl", "anna"), (again["id"], "en", "anna")]
    assert len(kinds) == len(first["activities"]) and "worldcafe" in kinds
    assert sorted(name for name, _ in hashes) == ["anna", "bert"]
    # An existing account keeps its password.
    assert all(check_password_hash(h, PASSWORD) for _, h in hashes)


@pytest.mark.parametrize("args, message", [
    (["--plan", "no-such-plan", "--facilitator", f"anna:{PASSWORD}"], "Unknown plan"),
    (["--facilitator", "anna"], "NAME:PASSWORD"),
    (["--facilitator", "anna:short"], "at least 8 characters"),
])
def test_a_bad_request_is_refused_with_a_clear_message(tmp_path, args, message):
    with pytest.raises(RuntimeError, match=message):
        cafe_command(tmp_path / "instance", f"sqlite:///{tmp_path / 'cafe.db'}", "seed", *args)
