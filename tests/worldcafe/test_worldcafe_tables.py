"""Issue 17 through the Socket.IO test client: the console proposes a number of tables for the
people present and warns about tables that would be too small; the number of tables changes
between rounds, never losing a table's history; the classic "everyone visits every table once"."""

import pytest
from pydantic import ValidationError

from cafe.activities.worldcafe.settings import WorldCafeSettings
from cafe.extensions import db
from tests.support.worldcafe import host_all


def test_the_console_proposes_tables_for_the_people_present(cafe):
    data = cafe.view()
    # 12 people at the plan's 6 tables: tables of 2. Three tables of four suit them.
    assert data["sizing"] == {"people": 12, "proposed": 3, "tables": 6, "small": True}
    assert cafe.command("worldcafe:tables", tables=3)["ok"]
    data = cafe.view()
    assert [t["number"] for t in data["tables"]] == [1, 2, 3]
    assert data["sizing"] == {"people": 12, "proposed": 3, "tables": 3, "small": False}
    assert len(cafe.view(cafe.projector)["tables"]) == 3
    assert cafe.command("worldcafe:allocate")["ok"]
    assert sorted(t["count"] for t in cafe.view()["tables"]) == [4, 4, 4]
    # Someone leaving is counted out of the proposal.
    leaver = next(iter(cafe.phones.values()))
    assert cafe.send(leaver, "worldcafe:leave")["ok"]
    assert cafe.view()["sizing"]["people"] == 11


def test_tables_change_between_rounds_and_keep_their_history(cafe):
    assert cafe.command("worldcafe:allocate")["ok"]
    assert all(cafe.mine(p)["table"] for p in cafe.phones.values())
    # The round that is set but not started is dropped and set again at the new tables.
    assert cafe.command("worldcafe:tables", tables=4)["ok"]
    data = cafe.view()
    assert data["statuses"] == {} and data["seated"] == 0
    assert all(cafe.mine(p)["table"] is None for p in cafe.phones.values())
    assert cafe.command("worldcafe:start")["ok"]
    refused = cafe.command("worldcafe:tables", tables=3)
    assert refused["error"] == "invalid" and "End the current round" in refused["message"]
    assert cafe.command("worldcafe:end")["ok"]
    refused = cafe.command("worldcafe:tables", tables=3)
    assert refused["error"] == "invalid" and "Table 4" in refused["message"]
    assert cafe.command("worldcafe:tables", tables=5)["ok"]
    assert [t["number"] for t in cafe.view()["tables"]] == [1, 2, 3, 4, 5]
    assert cafe.command("worldcafe:tables", tables=0)["error"] == "invalid"
    assert cafe.command("worldcafe:start")["ok"]
    assert sorted(t["count"] for t in cafe.view()["tables"]) == [2, 2, 2, 3, 3]


def test_everyone_visits_every_table_once(cafe):
    # The plan has three rounds at the tables and a plenary: three tables are needed.
    settings = dict(cafe.activity.settings or {}, seating="visit_every_table")
    with pytest.raises(ValidationError):
        WorldCafeSettings.model_validate(settings)
    assert cafe.command("worldcafe:tables", tables=3)["ok"]
    db.session.refresh(cafe.activity)
    cafe.activity.settings = dict(cafe.activity.settings, seating="visit_every_table")
    db.session.commit()
    refused = cafe.command("worldcafe:tables", tables=4)
    assert refused["error"] == "invalid" and "3 tables" in refused["message"]
    cafe.tables = [t["id"] for t in cafe.view()["tables"]]
    hosts = host_all(cafe)
    rounds = []
    for _number in (1, 2, 3):
        assert cafe.command("worldcafe:start")["ok"]
        rounds.append(cafe.seating())
        assert cafe.command("worldcafe:end")["ok"]
    for pid in cafe.phones:
        visited = sorted(seating[pid] for seating in rounds)
        assert visited == ([hosts[pid]] * 3 if pid in hosts else sorted(cafe.tables))
