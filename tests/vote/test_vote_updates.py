"""What a vote sends while a room votes: small tally patches to phones, the whole view when the
items change, the private view to the voter's other devices, the leading rows on phones, and
a board read once per change rather than once per ballot."""

from cafe.activities import registry
from cafe.activities.board.models import Card, Theme
from cafe.activities.vote import queries
from cafe.activities.vote.views import PHONE_ROWS
from cafe.extensions import db
from cafe.sessions.models import Activity
from tests.support.factories import cid
from tests.support.votes import cast


def events(client) -> list[tuple[str, dict]]:
    return [(m["name"], m["args"][0]) for m in client.get_received()]


def test_a_ballot_sends_phones_the_tally_only(make_vote, room):
    session, vote, cards = make_vote(dots=2)
    r = room(session, vote)
    ann, bob = r.phone(), r.phone()
    events(bob)
    assert cast(ann, vote, cid("a"), allocation={cards[0]: 1, cards[1]: 1})["ok"]
    sent = events(bob)
    assert [name for name, _ in sent if name in ("activity", "tally")] == ["tally"]
    patch = next(data for name, data in sent if name == "tally")
    assert patch["id"] == vote.id
    assert "items" not in patch["data"] and "method" not in patch["data"]
    assert patch["data"]["voters"] == 1
    assert {row["id"]: row["dots"] for row in patch["data"]["results"]["ranking"]} == {
        cards[0]: 1, cards[1]: 1, cards[2]: 0, cards[3]: 0}
    # The patch applied to what the phone had is what a phone connecting now is sent.
    latest = {**bob.latest, **patch["data"]}
    fresh = registry.get("vote").view(db.session.get(Activity, vote.id), "phone")
    assert latest == fresh


def test_a_changed_card_sends_phones_the_whole_view(make_vote, room):
    session, vote, cards = make_vote()
    r = room(session, vote)
    ann = r.phone()
    events(ann)
    assert r.console.emit("card:edit", {"cid": cid("e"), "card": cards[0], "text": "Bankjes"},
                          callback=True)["ok"]
    whole = [data for name, data in events(ann) if name == "activity" and data["id"] == vote.id]
    assert whole and whole[-1]["data"]["items"][0]["text"] == "Bankjes"
    assert r.console.emit("card:hide", {"cid": cid("h"), "card": cards[1]}, callback=True)["ok"]
    whole = [data for name, data in events(ann) if name == "activity" and data["id"] == vote.id]
    assert [item["id"] for item in whole[-1]["data"]["items"]] == [cards[0], cards[2], cards[3]]


def test_the_voter_gets_its_own_votes_in_the_answer_and_its_other_device_by_message(
        make_vote, room, sio, join):
    session, vote, cards = make_vote()
    room(session, vote)  # opens the vote
    token = join(session.code)
    phone = sio(session.code, token=token)
    tablet = sio(session.code, token=token)  # the same person, a second screen
    events(phone), events(tablet)
    answer = cast(phone, vote, cid("p"), allocation={cards[2]: 1})
    assert answer["ok"] and answer["mine"]["allocation"] == {str(cards[2]): 1}
    assert not [data for name, data in events(phone) if name == "private"]
    private = [data for name, data in events(tablet) if name == "private"]
    assert private[-1]["activity"] == vote.id
    assert private[-1]["data"]["allocation"] == {str(cards[2]): 1}


def test_phones_list_the_leading_rows_and_count_the_rest(make_vote, room):
    session, vote, cards = make_vote(cards=("visible",) * (PHONE_ROWS + 7), dots=3)
    r = room(session, vote)
    ann = r.phone()
    assert cast(ann, vote, cid("a"), allocation={cards[-1]: 1})["ok"]
    results = r.last_view(ann)["results"]
    assert len(results["ranking"]) == PHONE_ROWS and results["rows"] == PHONE_ROWS + 7
    assert results["ranking"][0] == {**results["ranking"][0], "id": cards[-1], "dots": 1}
    # The projector and the console still have every row.
    assert len(r.last_view(r.projector)["results"]["ranking"]) == PHONE_ROWS + 7


def test_the_board_is_read_again_whenever_a_card_or_theme_changes(make_vote):
    session, vote, cards = make_vote()
    vote = db.session.get(Activity, vote.id)
    first = queries.load_board(vote)
    assert queries.load_board(vote) is first  # nothing changed: the same reading
    card = db.session.get(Card, cards[0])
    card.text = "Meer bomen"
    db.session.commit()
    edited = queries.load_board(vote)
    assert edited is not first and edited.items[0]["text"] == "Meer bomen"

    theme = Theme(activity_id=card.activity_id, title="Groen")
    db.session.add(theme)
    db.session.flush()
    card.theme_id = theme.id
    db.session.commit()
    assert queries.load_board(vote).items[0]["theme_id"] == theme.id
    # Deleting a theme clears its cards in the database, without touching the cards' rows.
    db.session.delete(theme)
    db.session.commit()
    db.session.expire_all()
    assert queries.load_board(vote).items[0]["theme_id"] is None

    db.session.get(Card, cards[1]).status = "hidden"
    db.session.commit()
    assert [item["id"] for item in queries.load_board(vote).items] == [
        cards[0], cards[2], cards[3]]
    db.session.add(Card(activity_id=card.activity_id, session_id=session.id, text="Nieuw"))
    db.session.commit()
    assert queries.load_board(vote).items[-1]["text"] == "Nieuw"


def test_screens_patched_through_ballots_and_card_changes_show_what_a_fresh_view_shows(
        make_vote, room, app):
    """Ballots, an edited, a hidden and a merged card, a card shown again: the console and
    the projector get patches only (no whole vote), and what they hold after applying them is
    the view a screen connecting now is sent."""
    session, vote, cards = make_vote(cards=("visible",) * 6, dots=3, reveal="live")
    r = room(session, vote)
    ann, bob, cem = r.phone(), r.phone("professional"), r.phone()
    for client in (r.console, r.projector):
        r.last_view(client)
    assert cast(ann, vote, cid("a"), allocation={cards[0]: 1, cards[4]: 1})["ok"]
    assert cast(bob, vote, cid("b"), allocation={cards[4]: 1, cards[5]: 1})["ok"]
    assert cast(cem, vote, cid("c"), allocation={cards[1]: 1})["ok"]
    steps = [("card:edit", {"card": cards[0], "text": "Bankjes bij de school"}),
             ("card:hide", {"card": cards[1]}),
             ("card:merge", {"source": cards[4], "target": cards[2]}),
             ("card:show", {"card": cards[4]})]
    for n, (event, payload) in enumerate(steps):
        assert r.console.emit(event, {"cid": cid(f"s{n}"), **payload}, callback=True)["ok"]
        db.session.expire_all()
        activity = db.session.get(Activity, vote.id)
        for client, audience in ((r.console, "console"), (r.projector, "projector")):
            got = client.get_received()
            assert "activity" not in [m["name"] for m in got], (event, audience)
            client.get_received = lambda got=got: got
            shown = r.last_view(client)
            del client.get_received  # the client's own queue again
            assert shown == registry.get("vote").view(activity, audience), (event, audience)
