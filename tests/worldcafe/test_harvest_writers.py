"""Issue 25 item 2: by default anyone at a table writes its harvest (a café with no hosts still
collects something); when only hosts may, the console names the tables nobody can write for
before the round starts, and every phone is told who writes."""

import itertools

import pytest
from sqlalchemy import select

from cafe.activities.worldcafe.models import HarvestItem
from cafe.editor import services
from cafe.extensions import db
from cafe.sessions.services import create_session
from tests.support.factories import cid

_ids = itertools.count()


def _received(client, name):
    seen = client.__dict__.setdefault("seen", [])
    seen.extend(client.get_received())
    return [m["args"][0] for m in seen if m["name"] == name]


@pytest.fixture
def cafe(app, facilitator, sio, join, client, login):
    """A World Café added in the editor with its defaults: 2 tables, 4 phones, no host."""
    session = create_session(facilitator, "Buurtcafé", "nl")
    activity, _changes = services.add(session, "worldcafe", {"nl": "Wereldcafé"}, "",
                                      {"tables": 2})
    db.session.commit()
    console = sio(session.code, view="console", flask_client=login(client))
    phones = [sio(session.code, token=join(session.code, name=f"Buur {n}", role="resident"))
              for n in range(4)]

    def command(event, **payload):
        return console.emit(event, {"cid": cid(f"c{next(_ids)}"), "activity": activity.id,
                                    **payload}, callback=True)

    def console_view():
        views = [v for v in _received(console, "activity") if v["id"] == activity.id]
        return views[-1]["data"]

    assert command("activity:open")["ok"]
    return activity, phones, command, console_view


def test_by_default_a_guest_at_a_table_writes_the_harvest(cafe):
    activity, phones, command, console_view = cafe
    assert activity.settings["harvest_by"] == "anyone"
    assert console_view()["nobody_writes"] == []
    assert command("worldcafe:start")["ok"]
    data = console_view()
    assert all(t["host"] is None for t in data["tables"])
    answer = phones[0].emit("worldcafe:harvest", {
        "cid": cid(f"p{next(_ids)}"), "activity": activity.id, "category": "idea",
        "text": "Een buurtbabbel"}, callback=True)
    assert answer["ok"], answer
    assert answer["mine"]["can_write"] is True
    db.session.expire_all()
    assert [i.text for i in db.session.scalars(select(HarvestItem))] == ["Een buurtbabbel"]


def test_host_only_tables_without_a_host_are_named_before_the_round(cafe):
    activity, phones, command, console_view = cafe
    activity.settings = {**activity.settings, "harvest_by": "host"}
    db.session.commit()
    assert command("worldcafe:allocate")["ok"]
    assert console_view()["nobody_writes"] == [1, 2]
    table = console_view()["tables"][0]["id"]
    person = console_view()["tables"][0]["members"][0]["id"]
    assert command("worldcafe:host", table=table, participant=person)["ok"]
    assert console_view()["nobody_writes"] == [2]


def test_the_console_page_carries_the_warning_and_the_phones_words(app, client, login, cafe):
    activity, *_ = cafe
    page = login(client).get(f"/console/sessions/{activity.session_id}").get_data(as_text=True)
    assert 'class="wc-writers-warning"' in page
    for key in ("worldcafe_nobody_writes", "worldcafe_anyone_writes", "worldcafe_you_write",
                "worldcafe_host_writes", "worldcafe_no_writer"):
        assert f'"{key}"' in page
