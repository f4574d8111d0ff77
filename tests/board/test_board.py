"""The burning platform through the Socket.IO test client: posting, limits, moderation, themes."""

import itertools

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board import queries
from cafe.activities.board.models import Card, Theme
from cafe.extensions import db
from cafe.participants import services as participants
from cafe.sessions.models import Activity
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.factories import cid, received

_ids = itertools.count()


def next_cid(prefix="b"):
    return cid(f"{prefix}{next(_ids)}")


@pytest.fixture
def plan():
    return load_plan(available_plans()["burning-platform"], registry.all_kinds())


@pytest.fixture
def room(app, facilitator, plan, sio, join, client, login):
    """A burning-platform session with its console, projector and phones; the first board open."""

    class Room:
        def __init__(self):
            self.session = create_session(facilitator, plan.title, "en", plan)
            db.session.commit()  # services flush; the caller commits
            boards = [a for a in self.session.activities if a.kind == "board"]
            self.board, self.talents = boards
            self.console = sio(self.session.code, view="console", flask_client=login(client))
            self.projector = sio(self.session.code, view="projector",
                                 key=self.session.projector_key)
            assert self.command("activity:open", activity=self.board.id)["ok"]

        def command(self, event, **payload):
            return self.console.emit(event, {"cid": next_cid("c"), **payload}, callback=True)

        def phone(self, name="Noor", role="resident"):
            phone = sio(self.session.code, token=join(self.session.code, name=name, role=role))
            phone.id = received(phone, "state")[0]["me"]["id"]
            return phone

        def post(self, phone, text="Te weinig bankjes", type="need", board=None, **extra):
            return phone.emit("card:add", {"cid": extra.pop("cid", None) or next_cid(),
                                           "activity": (board or self.board).id, "type": type,
                                           "text": text, **extra}, callback=True)

        def wall(self, client=None, board=None):
            """The newest view of the board this client received (received() drains the
            queue, so the last one seen is kept)."""
            client = client or self.projector
            board = board or self.board
            seen = client.__dict__.setdefault("latest", {})
            for view in received(client, "activity"):
                seen[view["id"]] = view["data"]
            return seen.get(board.id)

    return Room()


def cards_in_db(board):
    db.session.expire_all()
    return db.session.scalars(select(Card).where(Card.activity_id == board.id)
                              .order_by(Card.id)).all()


def test_a_posted_card_reaches_the_wall_console_and_own_list(room):
    phone = room.phone()
    answer = room.post(phone, "Te weinig bankjes op het plein", block="social_networks")
    assert answer["ok"] and answer["status"] == "visible"
    assert [c["text"] for c in answer["mine"]["cards"]] == ["Te weinig bankjes op het plein"]
    wall = room.wall()
    assert [(c["type"], c["text"], c["building_block"]) for c in wall["cards"]] == [
        ("need", "Te weinig bankjes op het plein", "social_networks")]
    console = room.wall(room.console)
    assert console["cards"][0]["entered_by"] == "participant"
    assert console["cards"][0]["status"] == "visible"
    # The phone's own list comes in the answer (its other devices get it as a message).
    assert answer["mine"]["cards"][0]["status"] == "visible"
    assert answer["mine"]["remaining"] == 9  # the plan allows 10
    assert not [p for p in received(phone, "private") if p["activity"] == room.board.id]


def test_text_is_tidied_and_checked(room):
    phone = room.phone()
    assert room.post(phone, "  Meer   groen\n\nin de straat  ")["ok"]
    assert cards_in_db(room.board)[0].text == "Meer groen in de straat"
    for text in ("", "   \n ", "x" * 201):
        answer = room.post(phone, text)
        assert answer["ok"] is False and answer["error"] == "invalid", text
        assert answer["message"]
    assert len(cards_in_db(room.board)) == 1


def test_unknown_type_or_block_is_refused(room):
    phone = room.phone()
    assert room.post(phone, type="wish")["error"] == "invalid"
    assert room.post(phone, block="gardening")["error"] == "invalid"
    # The talents board asks for talents only and has no building blocks.
    assert room.command("activity:open", activity=room.talents.id)["ok"]
    assert room.post(phone, type="need", board=room.talents)["error"] == "invalid"
    assert room.post(phone, type="talent", board=room.talents, block="referral")["error"] == \
        "invalid"
    assert room.post(phone, type="talent", board=room.talents)["ok"]
    assert cards_in_db(room.board) == []


def test_a_closed_board_refuses_cards_and_withdrawals(room):
    phone = room.phone()
    first = room.post(phone)
    assert room.command("activity:close", activity=room.board.id)["ok"]
    answer = room.post(phone, "Nog een kaartje")
    assert answer["ok"] is False and answer["error"] == "closed"
    answer = phone.emit("card:withdraw", {"cid": next_cid(), "card": first["card"]},
                        callback=True)
    assert answer["error"] == "closed"
    assert [c.text for c in cards_in_db(room.board)] == ["Te weinig bankjes"]


def test_per_participant_limit(room, app):
    app.config["CONTRIBUTIONS_PER_MINUTE"] = 1000
    phone, other = room.phone(), room.phone("Ali")
    for n in range(10):
        assert room.post(phone, f"Kaartje {n}")["ok"]
    answer = room.post(phone, "Eén te veel")
    assert answer["ok"] is False and answer["error"] == "over_limit"
    assert "10" in answer["message"]
    assert room.post(other, "Van iemand anders")["ok"]
    assert len(cards_in_db(room.board)) == 11


def test_a_replayed_card_is_stored_once(room):
    phone = room.phone()
    first = room.post(phone, "Eenzaamheid bij ouderen", cid="test-replay-1")
    again = room.post(phone, "Eenzaamheid bij ouderen", cid="test-replay-1")
    assert again["replayed"] is True and again["card"] == first["card"]
    assert len(cards_in_db(room.board)) == 1


def test_withdraw_own_card_only(room):
    noor, ali = room.phone(), room.phone("Ali")
    mine = room.post(noor, "Mijn kaartje")["card"]
    answer = ali.emit("card:withdraw", {"cid": next_cid(), "card": mine}, callback=True)
    assert answer["ok"] is False and answer["error"] == "forbidden"
    answer = noor.emit("card:withdraw", {"cid": next_cid(), "card": mine}, callback=True)
    assert answer["ok"] and answer["mine"]["cards"] == []
    assert cards_in_db(room.board) == []
    assert room.wall()["cards"] == []


def test_premoderation_shows_cards_after_approval(room):
    assert room.command("activity:open", activity=room.talents.id)["ok"]
    phone = room.phone()
    answer = room.post(phone, "Ik kan koken", type="talent", board=room.talents)
    assert answer["status"] == "pending"
    assert answer["mine"]["cards"][0]["status"] == "pending"
    assert room.wall(board=room.talents)["cards"] == []
    assert [c["status"] for c in room.wall(room.console, room.talents)["cards"]] == ["pending"]
    assert registry.get("board").results(room.talents)["cards"] == []

    assert room.command("card:show", card=answer["card"])["ok"]
    assert [c["text"] for c in room.wall(board=room.talents)["cards"]] == ["Ik kan koken"]
    private = [p for p in received(phone, "private") if p["activity"] == room.talents.id]
    assert private[-1]["data"]["cards"][0]["status"] == "visible"


def test_hide_and_show(room):
    phone = room.phone()
    card = room.post(phone, "Reclame voor mijn winkel")["card"]
    assert room.command("card:hide", card=card)["ok"]
    assert room.wall()["cards"] == []
    private = [p for p in received(phone, "private") if p["activity"] == room.board.id]
    assert private[-1]["data"]["cards"][0]["status"] == "hidden"
    assert room.command("card:show", card=card)["ok"]
    assert [c["id"] for c in room.wall()["cards"]] == [card]


def test_phones_and_projector_cannot_moderate(room):
    phone = room.phone()
    card = room.post(phone)["card"]
    for client in (phone, room.projector):
        answer = client.emit("card:hide", {"cid": next_cid(), "card": card}, callback=True)
        assert answer["ok"] is False and answer["error"] == "forbidden"
    assert cards_in_db(room.board)[0].status == "visible"


def test_edit_keeps_the_original_the_first_time(room):
    phone = room.phone()
    card = room.post(phone, "te wienig bankjes")["card"]
    assert room.command("card:edit", card=card, text="Te weinig bankjes")["ok"]
    assert room.command("card:edit", card=card, text="Te weinig zitbanken")["ok"]
    stored = cards_in_db(room.board)[0]
    assert (stored.text, stored.original_text) == ("Te weinig zitbanken", "te wienig bankjes")
    assert room.wall()["cards"][0]["text"] == "Te weinig zitbanken"
    answer = room.command("card:edit", card=card, text="  ")
    assert answer["error"] == "invalid"
    assert cards_in_db(room.board)[0].text == "Te weinig zitbanken"


def test_merge_keeps_cards_traceable_and_follows_chains(room):
    noor, ali, bo = room.phone(), room.phone("Ali"), room.phone("Bo")
    a = room.post(noor, "Te weinig groen")["card"]
    b = room.post(ali, "Meer groen aub")["card"]
    c = room.post(bo, "Geen bomen in de straat")["card"]
    assert room.command("card:merge", source=a, target=b)["ok"]
    assert room.command("card:merge", source=b, target=c)["ok"]
    assert queries.resolve(a) == c and queries.resolve(b) == c and queries.resolve(c) == c
    stored = {card.id: card for card in cards_in_db(room.board)}
    assert stored[a].status == "merged" and stored[a].merged_into_id == b
    assert [card["id"] for card in room.wall()["cards"]] == [c]
    assert room.wall()["cards"][0]["merged"] == 2
    results = registry.get("board").results(room.board)
    assert [(card["id"], card["merged_from"]) for card in results["cards"]] == [(c, [a, b])]
    # The author still sees their card, marked as merged.
    private = [p for p in received(noor, "private") if p["activity"] == room.board.id]
    assert private[-1]["data"]["cards"][0]["status"] == "merged"


def test_merge_refusals(room):
    phone = room.phone()
    a = room.post(phone, "Een")["card"]
    b = room.post(phone, "Twee")["card"]
    assert room.command("card:merge", source=a, target=a)["error"] == "invalid"
    assert room.command("card:merge", source=a, target=b)["ok"]
    # b resolves to itself; merging b into a (which went into b) would make a loop.
    assert room.command("card:merge", source=b, target=a)["error"] == "invalid"
    assert room.command("card:hide", card=b)["ok"]
    c = room.post(phone, "Drie")["card"]
    assert room.command("card:merge", source=c, target=b)["error"] == "invalid"
    assert queries.resolve(c) == c


def test_showing_a_merged_card_takes_it_out_again(room):
    phone = room.phone()
    a = room.post(phone, "Een")["card"]
    b = room.post(phone, "Twee")["card"]
    room.command("card:merge", source=a, target=b)
    assert room.command("card:show", card=a)["ok"]
    assert queries.resolve(a) == a
    assert sorted(c["id"] for c in room.wall()["cards"]) == [a, b]


def test_withdrawing_a_merge_target_brings_its_duplicates_back(room):
    noor, ali = room.phone(), room.phone("Ali")
    a = room.post(noor, "Verkeer te snel")["card"]
    b = room.post(ali, "Auto's rijden te snel")["card"]
    room.command("card:merge", source=a, target=b)
    assert ali.emit("card:withdraw", {"cid": next_cid(), "card": b}, callback=True)["ok"]
    assert [(c.id, c.status, c.merged_into_id) for c in cards_in_db(room.board)] == [
        (a, "visible", None)]


def test_themes_group_cards(room):
    phone = room.phone()
    a = room.post(phone, "Te weinig groen")["card"]
    b = room.post(phone, "Ik kan tuinieren", type="talent")["card"]
    theme = room.command("theme:add", activity=room.board.id, title="  Groen  ")["theme"]
    assert room.command("card:theme", card=a, theme=theme)["ok"]
    assert room.command("card:theme", card=b, theme=theme)["ok"]
    assert room.command("theme:rename", theme=theme, title="Groen en natuur")["ok"]
    wall = room.wall()
    assert wall["themes"] == [{"id": theme, "title": "Groen en natuur"}]
    assert {c["id"]: c["theme_id"] for c in wall["cards"]} == {a: theme, b: theme}
    results = registry.get("board").results(room.board)
    assert results["themes"] == [{"id": theme, "title": "Groen en natuur", "card_ids": [a, b]}]
    assert room.command("card:theme", card=b, theme=None)["ok"]
    assert room.command("theme:add", activity=room.board.id, title="")["error"] == "invalid"
    assert room.command("theme:delete", theme=theme)["ok"]
    assert db.session.get(Theme, theme) is None
    assert [c.theme_id for c in cards_in_db(room.board)] == [None, None]


def test_console_enters_cards_for_itself_and_on_behalf(room):
    assisted, _token, _changes = participants.join(room.session, name="Mevrouw Peeters",
                                                   assisted=True)
    db.session.commit()
    own = room.command("card:add", activity=room.board.id, type="need", text="Van de begeleider")
    helped = room.command("card:add", activity=room.board.id, type="talent",
                          text="Ik brei voor de buurt", on_behalf=assisted.id)
    assert own["ok"] and helped["ok"]
    stored = {c.id: c for c in cards_in_db(room.board)}
    assert (stored[own["card"]].entered_by, stored[own["card"]].participant_id) == (
        "facilitator", None)
    assert (stored[helped["card"]].entered_by, stored[helped["card"]].participant_id) == (
        "assisted", assisted.id)
    assert helped["mine"]["cards"][0]["text"] == "Ik brei voor de buurt"
    by_id = {c["id"]: c["entered_by"] for c in
             registry.get("board").results(room.board)["cards"]}
    assert by_id == {own["card"]: "facilitator", helped["card"]: "assisted"}


def test_cards_of_another_session_are_out_of_reach(room, other_facilitator, plan, sio, join):
    phone = room.phone()
    card = room.post(phone, "Privé")["card"]
    theme = room.command("theme:add", activity=room.board.id, title="Thema")["theme"]
    other = create_session(other_facilitator, "Elders", "en", plan)
    db.session.commit()  # services flush; the caller commits
    stranger = sio(other.code, token=join(other.code, name="X"))
    own_board = next(a for a in other.activities if a.kind == "board")
    answer = stranger.emit("card:add", {"cid": next_cid(), "activity": room.board.id,
                                        "type": "need", "text": "Binnendringen"}, callback=True)
    assert answer["error"] == "not_found"
    answer = stranger.emit("card:withdraw", {"cid": next_cid(), "card": card}, callback=True)
    assert answer["error"] == "not_found"
    answer = stranger.emit("card:add", {"cid": next_cid(), "activity": own_board.id,
                                        "type": "need", "text": "Eigen sessie"}, callback=True)
    assert answer["error"] == "closed"  # their own board is there, just not open yet
    assert db.session.get(Card, card).status == "visible"
    assert db.session.get(Theme, theme).title == "Thema"


def test_another_console_cannot_moderate_our_cards(room, other_facilitator, plan, sio, app,
                                                   login):
    phone = room.phone()
    card = room.post(phone, "Privé")["card"]
    theme = room.command("theme:add", activity=room.board.id, title="Thema")["theme"]
    other = create_session(other_facilitator, "Elders", "en", plan)
    db.session.commit()  # services flush; the caller commits
    console = sio(other.code, view="console", flask_client=login(app.test_client(), "bert"))
    for event, payload in [("card:hide", {"card": card}), ("card:edit", {"card": card,
                           "text": "x"}), ("card:merge", {"source": card, "target": card}),
                           ("card:theme", {"card": card, "theme": None}),
                           ("theme:rename", {"theme": theme, "title": "x"}),
                           ("theme:delete", {"theme": theme}),
                           ("board:display", {"activity": room.board.id, "display": "cloud"})]:
        answer = console.emit(event, {"cid": next_cid(), **payload}, callback=True)
        assert answer["ok"] is False and answer["error"] == "not_found", event
    stored = cards_in_db(room.board)[0]
    assert (stored.status, stored.text) == ("visible", "Privé")
    assert db.session.get(Theme, theme).title == "Thema"


def test_a_card_cannot_join_a_theme_of_another_board(room):
    phone = room.phone()
    card = room.post(phone)["card"]
    theme = room.command("theme:add", activity=room.talents.id, title="Talenten")["theme"]
    assert room.command("card:theme", card=card, theme=theme)["error"] == "not_found"


def test_withdraw_hook_removes_the_participants_cards(room):
    noor, ali = room.phone(), room.phone("Ali")
    room.post(noor, "Van Noor")
    room.post(ali, "Van Ali")
    answer = noor.emit("me:withdraw", {"cid": next_cid()}, callback=True)
    assert answer["ok"], answer
    assert [c.text for c in cards_in_db(room.board)] == ["Van Ali"]


def test_results_contract(room):
    phone = room.phone()
    shown = room.post(phone, "Zichtbaar", block="referral")["card"]
    hidden = room.post(phone, "Verborgen")["card"]
    merged = room.post(phone, "Dubbel")["card"]
    room.command("card:hide", card=hidden)
    room.command("card:merge", source=merged, target=shown)
    results = registry.get("board").results(room.board)
    assert results == {
        "type": "board",
        "cards": [{"id": shown, "type": "need", "text": "Zichtbaar", "building_block": "referral",
                   "theme_id": None, "merged_from": [merged], "entered_by": "participant"}],
        "themes": [],
    }
    assert "Noor" not in str(results)


def test_projector_display_switches_to_the_cloud(room):
    room.post(room.phone(), "Meer groen")
    assert room.command("board:display", activity=room.board.id, display="cloud")["ok"]
    wall = room.wall()
    assert wall["display"] == "cloud"
    assert wall["cloud"]["version"] and wall["cloud"]["top"] == ["groen"]
    db.session.expire_all()
    assert db.session.get(Activity, room.board.id).settings["display"] == "cloud"
