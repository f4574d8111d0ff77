"""Canvases through the Socket.IO test client: items, versions and conflicts, links, votes,
locks, scopes, seeding from priorities, withdrawal, results and the print page."""

from itertools import count

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.activities.canvas.models import Canvas, CanvasItem, CanvasLink, CanvasVote
from cafe.activities.vote.models import Vote
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session
from tests.support.factories import cid, received

_ids = count()


def send(client, event, **payload):
    return client.emit(event, {"cid": cid(f"cv{next(_ids)}"), **payload}, callback=True)


@pytest.fixture
def make(facilitator):
    """A session with a canvas activity (and, before it, a board and a dot vote)."""

    def _make(title="Samen", **settings):
        session = create_session(facilitator, "Canvas", "en")
        db.session.commit()  # services flush; the caller commits
        board = Activity(position=0, kind="board", title="Waar brandt het?", status="closed")
        vote = Activity(position=1, kind="vote", title="Kies", status="closed",
                        settings=registry.get("vote").validate_settings({"dots": 3}))
        canvas = Activity(position=2, kind="canvas", title=title,
                          settings=registry.get("canvas").validate_settings(settings))
        session.activities.extend([board, vote, canvas])
        db.session.commit()
        return session, canvas

    return _make


@pytest.fixture
def room(sio, join, client, login):
    class Room:
        def __init__(self, session, activity, open_it=True):
            self.session, self.activity = session, activity
            self.console = sio(session.code, view="console", flask_client=login(client))
            self.projector = sio(session.code, view="projector", key=session.projector_key)
            if open_it:
                assert self.command("activity:open", activity=activity.id)["ok"]

        def command(self, event, **payload):
            return send(self.console, event, **payload)

        def phone(self, **body):
            phone = sio(self.session.code, token=join(self.session.code, **body))
            phone.id = received(phone, "state")[0]["me"]["id"]
            return phone

        def canvases(self):
            db.session.expire_all()
            return list(db.session.scalars(select(Canvas).where(
                Canvas.activity_id == self.activity.id).order_by(Canvas.position)))

        @property
        def canvas(self):
            return self.canvases()[0].id

        def view(self, client):
            views = [v for v in received(client, "activity") if v["id"] == self.activity.id]
            if views:
                client.latest = views[-1]["data"]
            return client.latest

    return Room


def add(phone, canvas, text, field="activities", **extra):
    return send(phone, "canvas:add", canvas=canvas, field=field, text=text, **extra)


def test_items_added_from_phones_reach_projector_and_console(make, room):
    session, activity = make()
    r = room(session, activity)
    ann = r.phone()
    answer = add(ann, r.canvas, "  Buurtsoep   op woensdag ")
    assert answer["ok"], answer
    item = answer["item"]
    assert item["text"] == "Buurtsoep op woensdag" and item["version"] == 1
    assert answer["mine"]["items"] == [item["id"]]
    shown = r.view(r.projector)["canvases"][0]["items"]
    assert [(i["field"], i["text"]) for i in shown] == [("activities", "Buurtsoep op woensdag")]
    assert "entered_by" not in shown[0]
    console_item = r.view(r.console)["canvases"][0]["items"][0]
    assert console_item["entered_by"] == "participant"
    template = r.view(r.projector)["template"]
    assert [f["key"] for f in template["fields"]][2] == "activities"


def test_bad_items_are_refused_and_nothing_is_stored(make, room):
    session, activity = make(max_length=20)
    r = room(session, activity)
    ann = r.phone()
    assert add(ann, r.canvas, "   ")["error"] == "invalid"
    long = add(ann, r.canvas, "x" * 21)
    assert long["error"] == "invalid" and "20" in long["message"]
    assert add(ann, r.canvas, "ok", field="nope")["error"] == "invalid"
    assert add(ann, 999999, "ok")["error"] == "not_found"
    assert db.session.scalar(select(CanvasItem.id)) is None


def test_an_edit_based_on_an_old_version_is_refused_with_the_current_item(make, room):
    session, activity = make()
    r = room(session, activity)
    ann, bob = r.phone(), r.phone()
    item = add(ann, r.canvas, "Wandeling")["item"]
    first = send(ann, "canvas:edit", item=item["id"], version=1, text="Wandeling met buren")
    assert first["ok"] and first["item"]["version"] == 2
    late = send(bob, "canvas:edit", item=item["id"], version=1, text="Fietstocht")
    assert late["ok"] is False and late["error"] == "conflict"
    assert late["item"] == {"id": item["id"], "text": "Wandeling met buren", "version": 2,
                            "field": "activities", "configuration": None}
    assert "Someone else changed this item" in late["message"]
    db.session.expire_all()
    assert db.session.get(CanvasItem, item["id"]).text == "Wandeling met buren"
    # Bob tries again on the version he was shown.
    again = send(bob, "canvas:edit", item=item["id"], version=2, text="Fietstocht")
    assert again["ok"] and again["item"]["version"] == 3


def test_a_move_changes_the_field_and_needs_the_current_version(make, room):
    session, activity = make()
    r = room(session, activity)
    ann = r.phone()
    item = add(ann, r.canvas, "Minder eenzaamheid")["item"]
    moved = send(ann, "canvas:move", item=item["id"], version=1, field="outcomes")
    assert moved["ok"] and moved["item"]["field"] == "outcomes" and moved["item"]["version"] == 2
    stale = send(ann, "canvas:move", item=item["id"], version=1, field="context")
    assert stale["error"] == "conflict" and stale["item"]["field"] == "outcomes"
    assert send(ann, "canvas:move", item=item["id"], version=2, field="nope")["error"] == "invalid"
    fields = {i["id"]: i["field"] for i in r.view(r.projector)["canvases"][0]["items"]}
    assert fields == {item["id"]: "outcomes"}


def test_icamo_items_sit_in_a_configuration(make, room):
    session, activity = make(template="icamo")
    r = room(session, activity)
    ann = r.phone()
    missing = add(ann, r.canvas, "Huisbezoeken", field="intervention")
    assert missing["error"] == "invalid" and missing["field"] == "configuration"
    made = add(ann, r.canvas, "Huisbezoeken", field="intervention", configuration="institution")
    assert made["ok"] and made["item"]["configuration"] == "institution"
    moved = send(ann, "canvas:move", item=made["item"]["id"], version=1, field="intervention",
                 configuration="hybrid")
    assert moved["item"]["configuration"] == "hybrid"
    results = registry.get("canvas").results(activity)
    assert [c["key"] for c in results["canvases"][0]["configurations"]] == [
        "community", "institution", "hybrid"]
    intervention = results["canvases"][0]["fields"][0]
    assert intervention["items"][0]["configuration"] == "hybrid"


def test_only_own_items_can_be_deleted_from_a_phone_and_the_console_deletes_any(make, room):
    session, activity = make()
    r = room(session, activity)
    ann, bob = r.phone(), r.phone()
    one = add(ann, r.canvas, "Een")["item"]["id"]
    two = add(ann, r.canvas, "Twee")["item"]["id"]
    refused = send(bob, "canvas:delete", item=one)
    assert refused["error"] == "forbidden"
    assert send(ann, "canvas:delete", item=one)["ok"]
    assert r.command("canvas:delete", item=two)["ok"]
    assert send(ann, "canvas:delete", item=two)["error"] == "not_found"
    db.session.expire_all()
    assert db.session.scalar(select(CanvasItem.id)) is None


def test_links_join_two_items_of_one_canvas_and_go_with_a_deleted_item(make, room):
    session, activity = make()
    r = room(session, activity)
    ann, bob = r.phone(), r.phone()
    act = add(ann, r.canvas, "Buurtsoep")["item"]["id"]
    out = add(bob, r.canvas, "Mensen kennen elkaar", field="outcomes")["item"]["id"]
    made = send(ann, "canvas:link", source=act, target=out)
    assert made["ok"] and made["mine"]["links"] == [made["link"]]
    assert r.view(r.projector)["canvases"][0]["links"] == [
        {"id": made["link"], "from": act, "to": out}]
    assert send(bob, "canvas:link", source=out, target=act)["error"] == "invalid"
    assert send(bob, "canvas:link", source=act, target=act)["error"] == "invalid"
    assert send(bob, "canvas:unlink", link=made["link"])["error"] == "forbidden"
    assert send(ann, "canvas:delete", item=act)["ok"]
    db.session.expire_all()
    assert db.session.scalar(select(CanvasLink.id)) is None
    assert r.view(r.projector)["canvases"][0]["links"] == []


def test_links_across_canvases_are_refused(make, room):
    session, activity = make(scope="groups", groups=["A", "B"])
    r = room(session, activity)
    ann = r.phone()
    a, b = [c.id for c in r.canvases()]
    one = add(ann, a, "Op A")["item"]["id"]
    two = add(ann, b, "Op B")["item"]["id"]
    assert send(ann, "canvas:link", source=one, target=two)["error"] == "invalid"


def test_votes_count_once_per_person_within_the_limit(make, room):
    session, activity = make(voting=True, votes_per_participant=2)
    r = room(session, activity)
    ann, bob = r.phone(), r.phone()
    ids = [add(ann, r.canvas, f"Idee {n}")["item"]["id"] for n in range(3)]
    assert send(bob, "canvas:vote", item=ids[0])["mine"]["votes_left"] == 1
    assert send(bob, "canvas:vote", item=ids[0])["mine"]["votes_left"] == 1  # no double vote
    assert send(ann, "canvas:vote", item=ids[0])["ok"]
    assert send(bob, "canvas:vote", item=ids[1])["ok"]
    over = send(bob, "canvas:vote", item=ids[2])
    assert over["error"] == "over_limit"
    back = send(bob, "canvas:vote", item=ids[1], support=False)
    assert back["mine"]["votes"] == [ids[0]]
    votes = {i["id"]: i["votes"] for i in r.view(r.projector)["canvases"][0]["items"]}
    assert votes == {ids[0]: 2, ids[1]: 0, ids[2]: 0}
    assert r.command("canvas:vote", item=ids[2])["error"] == "forbidden"


def test_votes_are_refused_when_voting_is_off(make, room):
    session, activity = make()
    r = room(session, activity)
    ann = r.phone()
    item = add(ann, r.canvas, "Idee")["item"]["id"]
    assert send(ann, "canvas:vote", item=item)["error"] == "invalid"


def test_a_locked_canvas_refuses_phones_clearly_but_the_console_moderates(make, room):
    session, activity = make()
    r = room(session, activity)
    ann = r.phone()
    item = add(ann, r.canvas, "Buurtsoep")["item"]
    assert r.command("canvas:lock", canvas=r.canvas, locked=True)["ok"]
    assert r.view(r.projector)["canvases"][0]["locked"] is True
    for answer in (add(ann, r.canvas, "Nog een"),
                   send(ann, "canvas:edit", item=item["id"], version=1, text="Anders"),
                   send(ann, "canvas:delete", item=item["id"])):
        assert answer["error"] == "locked" and "locked" in answer["message"]
    edited = r.command("canvas:edit", item=item["id"], version=1, text="Buurtsoep elke week")
    assert edited["ok"] and edited["item"]["version"] == 2
    assert send(ann, "canvas:lock", canvas=r.canvas, locked=False)["error"] == "forbidden"
    assert r.command("canvas:lock", canvas=r.canvas, locked=False)["ok"]
    assert add(ann, r.canvas, "Nog een")["ok"]


def test_phones_are_refused_while_the_activity_is_closed(make, room):
    session, activity = make()
    r = room(session, activity)
    ann = r.phone()
    assert r.command("activity:close", activity=activity.id)["ok"]
    assert add(ann, r.canvas, "Te laat")["error"] == "closed"


def test_someone_elses_session_cannot_touch_this_canvas(make, room, facilitator, sio, join):
    session, activity = make()
    r = room(session, activity)
    item = add(r.phone(), r.canvas, "Van hier")["item"]["id"]
    other = create_session(facilitator, "Elders", "en")
    db.session.commit()  # services flush; the caller commits
    stranger = sio(other.code, token=join(other.code))
    assert add(stranger, r.canvas, "Van elders")["error"] == "not_found"
    assert send(stranger, "canvas:edit", item=item, version=1, text="x")["error"] == "not_found"
    assert send(stranger, "canvas:delete", item=item)["error"] == "not_found"


def test_the_console_enters_items_for_an_assisted_participant(make, room):
    session, activity = make()
    r = room(session, activity)
    helped = Participant(session_id=session.id, token_hash="h" * 64, assisted=True)
    db.session.add(helped)
    db.session.commit()
    answer = r.command("canvas:add", canvas=r.canvas, field="activities", text="Boodschappen",
                       on_behalf=helped.id)
    assert answer["ok"] and answer["mine"]["items"] == [answer["item"]["id"]]
    own = r.command("canvas:add", canvas=r.canvas, field="context", text="Werken aan de straat")
    assert own["ok"] and "mine" not in own
    by = {i["text"]: i["entered_by"] for i in r.view(r.console)["canvases"][0]["items"]}
    assert by == {"Boodschappen": "assisted", "Werken aan de straat": "facilitator"}


def test_one_canvas_per_group_and_the_console_chooses_what_the_projector_shows(make, room):
    session, activity = make(scope="groups", groups=["Senioren", "Jongeren"])
    r = room(session, activity)
    sheets = r.canvases()
    assert [c.title for c in sheets] == ["Senioren", "Jongeren"]
    view = r.view(r.projector)
    assert view["count"] == 2 and [c["title"] for c in view["canvases"]] == ["Senioren"]
    assert r.command("canvas:project", canvas=sheets[1].id)["ok"]
    assert [c["title"] for c in r.view(r.projector)["canvases"]] == ["Jongeren"]
    assert len(r.view(r.console)["canvases"]) == 2


def test_table_scope_without_a_world_cafe_numbers_the_tables(make, room):
    session, activity = make(scope="table", tables=3)
    r = room(session, activity)
    assert [c.title for c in r.canvases()] == ["Table 1", "Table 2", "Table 3"]


def test_reopening_keeps_the_canvases_and_their_items(make, room):
    session, activity = make()
    r = room(session, activity)
    add(r.phone(), r.canvas, "Blijft")
    first = r.canvas
    assert r.command("activity:close", activity=activity.id)["ok"]
    assert r.command("activity:open", activity=activity.id)["ok"]
    assert [c.id for c in r.canvases()] == [first]
    assert [i["text"] for i in r.view(r.projector)["canvases"][0]["items"]] == ["Blijft"]


def _voted(session, cards_and_dots):
    """Cards on the board and dots on them from separate voters, as the vote kind stores them."""
    board, vote = session.activities[0], session.activities[1]
    for n, (text, dots) in enumerate(cards_and_dots):
        card = Card(activity_id=board.id, session_id=session.id, text=text, type="need")
        db.session.add(card)
        db.session.flush()
        for k in range(dots):
            voter = Participant(session_id=session.id, token_hash=f"{n:032}{k:032}")
            db.session.add(voter)
            db.session.flush()
            db.session.add(Vote(activity_id=vote.id, participant_id=voter.id, item_id=card.id,
                                dots=1))
    db.session.commit()


def test_a_canvas_starts_from_the_top_priorities_of_the_vote_before_it(make, room):
    session, activity = make(start_from_priorities=True, priorities=2)
    _voted(session, [("Eenzaamheid", 3), ("Verkeer", 1), ("Groen", 5)])
    r = room(session, activity)
    items = r.view(r.projector)["canvases"][0]["items"]
    assert [(i["field"], i["text"], i["seeded"]) for i in items] == [
        ("long_term_change", "Groen", True), ("long_term_change", "Eenzaamheid", True)]
    assert r.command("activity:close", activity=activity.id)["ok"]
    assert r.command("activity:open", activity=activity.id)["ok"]
    assert len(r.view(r.projector)["canvases"][0]["items"]) == 2  # not copied twice


def test_without_vote_results_the_canvas_opens_empty(make, room, monkeypatch):
    session, activity = make(start_from_priorities=True)
    vote_kind = registry.get("vote")

    def broken(activity):
        raise RuntimeError("results not ready")

    monkeypatch.setattr(vote_kind, "results", broken)
    r = room(session, activity)
    assert r.view(r.projector)["canvases"][0]["items"] == []


def test_withdrawing_removes_own_items_votes_and_links(make, room):
    session, activity = make(voting=True)
    r = room(session, activity)
    ann, bob = r.phone(), r.phone()
    mine = add(ann, r.canvas, "Van Ann")["item"]["id"]
    theirs = add(bob, r.canvas, "Van Bob", field="outcomes")["item"]["id"]
    send(ann, "canvas:vote", item=theirs)
    send(bob, "canvas:vote", item=mine)
    send(ann, "canvas:link", source=theirs, target=theirs)  # refused, nothing made
    send(ann, "canvas:link", source=mine, target=theirs)
    assert send(ann, "me:withdraw")["ok"]
    db.session.expire_all()
    assert [i.text for i in db.session.scalars(select(CanvasItem))] == ["Van Bob"]
    assert db.session.scalar(select(CanvasVote.id)) is None
    assert db.session.scalar(select(CanvasLink.id)) is None


def test_results_follow_the_architecture_shape(make, room):
    session, activity = make(voting=True)
    r = room(session, activity)
    ann = r.phone(name="Ann Peeters")
    act = add(ann, r.canvas, "Buurtsoep")["item"]["id"]
    out = add(ann, r.canvas, "Minder eenzaam", field="outcomes")["item"]["id"]
    send(ann, "canvas:link", source=act, target=out)
    send(ann, "canvas:vote", item=out)
    results = registry.get("canvas").results(activity)
    assert results["type"] == "canvas" and results["template"] == "theory-of-change"
    sheet = results["canvases"][0]
    assert sheet["title"] == "Samen"
    fields = {f["key"]: f for f in sheet["fields"]}
    assert fields["outcomes"]["label"] == "Intermediate outcomes"
    assert fields["outcomes"]["items"] == [
        {"id": out, "text": "Minder eenzaam", "votes": 1, "configuration": None,
         "seeded": False}]
    assert sheet["links"] == [{"from": act, "to": out}]
    assert "Ann" not in repr(results)


def test_the_print_page_shows_every_field_and_item_for_the_owner_only(
        make, room, client, login, other_facilitator, app):
    session, activity = make()
    r = room(session, activity)
    add(r.phone(), r.canvas, "<b>Buurtsoep</b>")
    url = f"/console/sessions/{session.id}/canvas/{activity.id}/print"
    page = client.get(url).get_data(as_text=True)
    assert "&lt;b&gt;Buurtsoep&lt;/b&gt;" in page
    assert "Long-term change (impact)" in page and "Activities" in page
    assert 'media="print"' in page or "@media print" in page or "canvas-print" in page
    stranger = login(app.test_client(), "bert")
    assert stranger.get(url).status_code == 404
    assert app.test_client().get(url).status_code in (302, 401)
    assert client.get(url + "?canvas=999999").status_code == 404
