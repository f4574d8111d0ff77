"""The trajectory's console: who may read and change it, refusals that keep what is stored,
"Ask the room" in one step, the CSV, the phone's recap link, and what retention and deleting a
neighbourhood leave behind."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.extensions import db
from cafe.neighbourhoods import services as hoods
from cafe.neighbourhoods.models import Finding, Neighbourhood
from cafe.sessions.services import delete_session
from cafe.team.services import add_member
from cafe.trajectory import services
from cafe.trajectory.models import Action, Indicator, IndicatorValue, LogLine, Update


@pytest.fixture
def hood(facilitator, cafe_session):
    made = hoods.create(facilitator, "Noord")
    cafe_session.neighbourhood_id = made.id
    finding = Finding(neighbourhood_id=made.id, section="priority", text="Bankjes op het plein",
                      source_key=f"s{cafe_session.id}:a1:card1", source_kind="vote",
                      source_label="Buurtcafé, 2026-01-15", session_id=cafe_session.id)
    db.session.add(finding)
    db.session.commit()
    return made


def base(hood) -> str:
    return f"/console/neighbourhoods/{hood.id}/trajectory"


def test_owner_and_cofacilitator_change_moderator_reads_stranger_sees_nothing(
        app, client, login, hood, cafe_session, other_facilitator):
    from cafe.auth.services import create_facilitator
    from tests.support.factories import FACILITATOR_PASSWORD

    create_facilitator("carla", FACILITATOR_PASSWORD, "en")
    create_facilitator("dirk", FACILITATOR_PASSWORD, "en")
    add_member(cafe_session, "bert", "cofacilitator")
    add_member(cafe_session, "carla", "moderator")
    db.session.commit()
    form = {"title": "Bankjes plaatsen", "carrier": "Groendienst", "day": "2026-02-01"}
    for user, read, write in (("anna", 200, 302), ("bert", 200, 302), ("carla", 200, 403),
                              ("dirk", 404, 404)):
        who = login(app.test_client(), user)
        assert who.get(base(hood) + "/").status_code == read, user
        assert who.post(base(hood) + "/actions", data=form).status_code == write, user
        assert who.get(f"/api/v1/neighbourhoods/{hood.id}/trajectory").status_code == read
    assert db.session.scalar(select(func.count()).select_from(Action)) == 2
    lines = db.session.scalars(select(LogLine.username).where(
        LogLine.action == "trajectory.add_action")).all()
    assert sorted(lines) == ["anna", "bert"]


def test_bad_input_is_refused_clearly_and_nothing_stored_is_lost(app, login, hood):
    owner = login(app.test_client())
    owner.post(base(hood) + "/actions", data={"title": "Bankjes", "day": "2026-02-01"})
    action = db.session.scalar(select(Action))
    for data, words in (({"title": ""}, b"describe the action"),
                        ({"title": "x" * 301}, b"describe the action"),
                        ({"title": "Bankjes", "start": "2026-05-01", "due": "2026-04-01"},
                         b"due date"),
                        ({"title": "Bankjes", "block": "nope"}, b"Unknown building block")):
        page = owner.post(base(hood) + "/actions", data=data, follow_redirects=True)
        assert words in page.data
    page = owner.post(base(hood) + f"/actions/{action.id}/status",
                      data={"status": "finished"}, follow_redirects=True)
    assert b"statuses offered" in page.data
    owner.post(base(hood) + "/indicators", data={"name": "Bankjes", "baseline": "2"})
    indicator = db.session.scalar(select(Indicator))
    for value, day, words in (("veel", "2026-04-01", b"a number"),
                              ("3", "1-4-2026", b"year-month-day")):
        page = owner.post(base(hood) + f"/indicators/{indicator.id}/values",
                          data={"value": value, "day": day}, follow_redirects=True)
        assert words in page.data
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Action)) == 1
    assert db.session.get(Action, action.id).status == "planned"
    assert db.session.scalar(select(func.count()).select_from(IndicatorValue)) == 0
    assert owner.post(base(hood) + f"/actions/{action.id + 99}/status",
                      data={"status": "done"}).status_code == 404


def test_ask_the_room_records_a_vote_result_in_one_step(app, login, hood, cafe_session, join,
                                                       sio):
    from tests.support.factories import cid

    vote = next(a for a in cafe_session.activities if a.kind == "vote")
    board = next(a for a in cafe_session.activities if a.kind == "board")
    console = sio(cafe_session.code, view="console", flask_client=login(app.test_client()))
    assert console.emit("activity:open", {"cid": cid(1), "activity": board.id},
                        callback=True)["ok"]
    phones = [sio(cafe_session.code, token=join(cafe_session.code)) for _ in range(3)]
    card = phones[0].emit("card:add", {"cid": cid(2), "activity": board.id, "type": "need",
                                       "text": "Ik voel me verbonden"}, callback=True)["card"]
    card = card if isinstance(card, int) else card["id"]
    assert console.emit("activity:open", {"cid": cid(3), "activity": vote.id},
                        callback=True)["ok"]
    for n, phone in enumerate(phones[:2]):
        assert phone.emit("vote:cast", {"cid": cid(10 + n), "activity": vote.id,
                                        "allocation": {str(card): 1}}, callback=True)["ok"]
    owner = login(app.test_client())
    owner.post(base(hood) + "/indicators", data={"name": "Verbondenheid", "baseline": "1",
                                                 "baseline_date": "2026-01-01"})
    indicator = db.session.scalar(select(Indicator))
    answer = owner.post(base(hood) + f"/indicators/{indicator.id}/room",
                        data={"item": f"{vote.id}:{card}", "day": "2026-03-01"})
    assert answer.status_code == 302
    value = db.session.scalar(select(IndicatorValue))
    assert (value.value, value.kind, value.day, value.activity_id) == (
        2.0, "room", date(2026, 3, 1), vote.id)
    assert "n = 2" in value.source
    # An item nobody voted on yet is refused, not recorded as zero by mistake.
    page = owner.post(base(hood) + f"/indicators/{indicator.id}/room",
                      data={"item": f"{vote.id}:999999"}, follow_redirects=True)
    assert b"no result" in page.data


def test_csv_holds_status_history_and_values_and_is_inert(app, login, hood):
    owner = login(app.test_client())
    owner.post(base(hood) + "/actions", data={"title": "=HYPERLINK(\"x\")", "day": "2026-01-20"})
    action = db.session.scalar(select(Action))
    owner.post(base(hood) + f"/actions/{action.id}/status",
               data={"status": "started", "day": "2026-02-01"})
    owner.post(base(hood) + "/indicators", data={"name": "Bankjes", "baseline": "2",
                                                 "baseline_date": "2026-01-01", "target": "6"})
    indicator = db.session.scalar(select(Indicator))
    owner.post(base(hood) + f"/indicators/{indicator.id}/values",
               data={"value": "4", "day": "2026-04-01", "source": "Telling"})
    body = owner.get(base(hood) + "/export.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert ["action", str(action.id), "'=HYPERLINK(\"x\")", "", "", "", "started",
            "2026-02-01", ""] in rows
    assert ["value", str(indicator.id), "Bankjes", "", "up", "2026-04-01", "4.0", "figure",
            "Telling"] in rows


def test_the_recap_links_to_the_published_page(app, login, hood, cafe_session):
    phone = app.test_client()
    phone.post(f"/j/{cafe_session.code}", data={"name": "Lea"})
    page = phone.get(f"/s/{cafe_session.code}").get_data(as_text=True)
    assert "/buurt/" not in page
    owner = login(app.test_client())
    owner.post(base(hood) + "/publish", data={"published": "1"})
    page = phone.get(f"/s/{cafe_session.code}").get_data(as_text=True)
    assert "/buurt/" in page and "what followed" in page
    key = page.split("/buurt/", 1)[1].split('"', 1)[0]
    assert app.test_client().get(f"/buurt/{key}").status_code == 200
    owner.post(base(hood) + "/publish", data={"published": "0"})
    assert app.test_client().get(f"/buurt/{key}").status_code == 404
    assert app.test_client().get(f"/api/v1/neighbourhoods/{hood.id}/trajectory").status_code \
        == 404


def test_retention_keeps_the_provenance_text_and_deleting_the_neighbourhood_removes_all(
        app, login, hood, cafe_session):
    owner = login(app.test_client())
    finding = db.session.scalar(select(Finding))
    owner.post(base(hood) + "/actions", data={"title": "Bankjes", "finding": finding.id,
                                              "day": "2026-02-01"})
    action = db.session.scalar(select(Action))
    owner.post(base(hood) + f"/actions/{action.id}/note", data={"text": "Besteld"})
    owner.post(base(hood) + "/indicators", data={"name": "Bankjes", "baseline": "2"})
    for kind in ("adapt", "rating"):
        db.session.add(Update(neighbourhood_id=hood.id, action_id=None if kind == "adapt"
                              else action.id, day=date(2026, 12, 1), kind=kind,
                              text="Ook op zaterdag", session_id=cafe_session.id))
    db.session.commit()
    delete_session(cafe_session)
    db.session.expire_all()
    kept = db.session.get(Action, action.id)
    assert kept.finding_id is None and kept.source_label == "Buurtcafé, 2026-01-15"
    # The room's words go with their session; the anonymous rating stays, unlinked.
    assert [(u.kind, u.session_id) for u in db.session.scalars(
        select(Update).order_by(Update.id))] == [("note", None), ("rating", None)]
    db.session.delete(db.session.get(Neighbourhood, hood.id))
    db.session.commit()
    for model in (Action, Indicator, Update, LogLine):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model


def test_services_refuse_a_dropped_action_without_a_reason(app, hood):
    action = services.create_action(hood, date(2026, 1, 1), "Bankjes")
    with pytest.raises(Refusal) as caught:
        services.set_status(action, "dropped", " ", date(2026, 2, 1))
    assert caught.value.details["field"] == "reason"


def test_a_figure_of_the_analysis_becomes_an_indicator(app, login, hood):
    from cafe.neighbourhoods.models import Figure

    figure = Figure(neighbourhood_id=hood.id, name="Aandeel 80-plussers", value="7,4", unit="%",
                    source="Statbel", year=2025)
    db.session.add(figure)
    db.session.commit()
    owner = login(app.test_client())
    assert owner.post(base(hood) + "/indicators",
                      data={"figure": figure.id, "direction": "down"}).status_code == 302
    made = db.session.scalar(select(Indicator))
    assert (made.name, made.baseline, made.unit, made.direction, made.baseline_date,
            made.source_label) == ("Aandeel 80-plussers", 7.4, "%", "down", date(2025, 12, 31),
                                   "Statbel")
