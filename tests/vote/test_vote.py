"""Prioritisation votes through the Socket.IO test client: limits, refusals, views, reveal."""

import pytest
from sqlalchemy import func, select

from cafe.activities import registry
from cafe.activities.board.models import Card, Theme
from cafe.activities.vote.models import Vote
from cafe.extensions import db
from cafe.sessions.models import Activity
from tests.support.factories import cid
from tests.support.votes import cast, stored


def test_dots_are_tallied_live_for_projector_console_and_voter(make_vote, room):
    session, vote, cards = make_vote(dots=3)
    r = room(session, vote)
    ann, bob = r.phone(), r.phone("professional")
    a = cast(ann, vote, cid("a1"), allocation={str(cards[0]): 1, str(cards[1]): 1})
    assert a["ok"] and a["mine"]["remaining"] == 1
    assert cast(bob, vote, cid("b1"), allocation={cards[1]: 1})["ok"]

    ranking = r.last_view(r.projector)["results"]["ranking"]
    assert [(row["id"], row["dots"], row["rank"], row["tied"]) for row in ranking] == [
        (cards[1], 2, 1, False), (cards[0], 1, 2, False), (cards[2], 0, 3, True),
        (cards[3], 0, 3, True)]
    assert ranking[0]["text"] == "Kaart 1"
    console = r.last_view(r.console)["results"]
    assert console["voters"] == 2
    assert [row["dots"] for row in console["by_role"]["professional"]][:1] == [1]
    assert a["mine"]["allocation"] == {str(cards[0]): 1, str(cards[1]): 1}
    # The phones see the same results, without the texts they already have.
    phone_view = r.last_view(bob)
    assert phone_view["results"]["ranking"][0]["dots"] == 2
    assert "text" not in phone_view["results"]["ranking"][0]
    assert {i["id"] for i in phone_view["items"]} == set(cards)


def test_a_new_allocation_replaces_the_old_one(make_vote, room):
    session, vote, cards = make_vote(dots=2)
    r = room(session, vote)
    ann = r.phone()
    assert cast(ann, vote, cid(1), allocation={cards[0]: 1, cards[1]: 1})["ok"]
    assert cast(ann, vote, cid(2), allocation={cards[2]: 1})["ok"]
    assert stored(vote) == [(ann.id, cards[2], 1, None, None, None)]


def test_limits_are_enforced_on_the_server(make_vote, room):
    session, vote, cards = make_vote(dots=3, max_dots_per_item=2)
    r = room(session, vote)
    ann = r.phone()
    assert cast(ann, vote, cid(1), allocation={cards[0]: 2, cards[1]: 1})["ok"]
    before = stored(vote)
    too_many = cast(ann, vote, cid(2), allocation={cards[0]: 2, cards[1]: 1, cards[2]: 1})
    assert too_many["error"] == "over_limit" and "3 dots" in too_many["message"]
    stacked = cast(ann, vote, cid(3), allocation={cards[0]: 3})
    assert stacked["error"] == "over_limit" and "2" in stacked["message"]
    negative = cast(ann, vote, cid(4), allocation={cards[0]: -1})
    assert negative["ok"] is False and negative["message"]
    assert stored(vote) == before


def test_no_stacking_by_default(make_vote, room):
    session, vote, cards = make_vote()
    r = room(session, vote)
    answer = cast(r.phone(), vote, cid(1), allocation={cards[0]: 2})
    assert answer["error"] == "over_limit" and "one dot" in answer["message"]
    assert stored(vote) == []


def test_closed_or_unopened_vote_refuses(make_vote, room):
    session, vote, cards = make_vote()
    r = room(session, vote, open_it=False)
    ann = r.phone()
    assert cast(ann, vote, cid(1), allocation={cards[0]: 1})["error"] == "closed"
    assert r.command("activity:open")["ok"]
    assert cast(ann, vote, cid(2), allocation={cards[0]: 1})["ok"]
    assert r.command("activity:close")["ok"]
    late = cast(ann, vote, cid(3), allocation={cards[1]: 1})
    assert late["error"] == "closed" and late["message"]
    clear = ann.emit("vote:clear", {"cid": cid(4), "activity": vote.id}, callback=True)
    assert clear["error"] == "closed"
    assert stored(vote) == [(ann.id, cards[0], 1, None, None, None)]


def test_replayed_cast_counts_once(make_vote, room):
    session, vote, cards = make_vote(dots=3, max_dots_per_item=3, method="dot")
    r = room(session, vote)
    ann = r.phone()
    first = cast(ann, vote, cid("same"), allocation={cards[0]: 1})
    assert cast(ann, vote, cid(2), allocation={cards[0]: 2})["ok"]
    again = cast(ann, vote, cid("same"), allocation={cards[0]: 1})
    assert again["replayed"] is True and again["mine"] == first["mine"]
    assert stored(vote) == [(ann.id, cards[0], 2, None, None, None)]
    assert r.last_view(r.console)["results"]["ranking"][0]["dots"] == 2


def test_a_ballot_replayed_after_the_vote_closed_gets_its_first_answer(make_vote, room):
    """A phone that lost the ack resends once the vote has closed: it hears that its ballot
    counted, not that the vote is closed (ballots find replays at the commit, see handle())."""
    session, vote, cards = make_vote(dots=3, method="dot")
    r = room(session, vote)
    ann = r.phone()
    first = cast(ann, vote, cid("lost-ack"), allocation={cards[0]: 1, cards[1]: 1})
    assert r.command("activity:close")["ok"]
    again = cast(ann, vote, cid("lost-ack"), allocation={cards[0]: 1, cards[1]: 1})
    assert again["ok"] and again["replayed"] is True and again["mine"] == first["mine"]
    new = cast(ann, vote, cid("after-close"), allocation={cards[0]: 1})
    assert new["error"] == "closed"
    assert sorted(stored(vote)) == sorted([(ann.id, cards[0], 1, None, None, None),
                                           (ann.id, cards[1], 1, None, None, None)])


def test_hidden_pending_merged_and_foreign_items_are_refused(make_vote, room, facilitator):
    session, vote, cards = make_vote(cards=("visible", "hidden", "pending", "visible"))
    other_session, other_vote, other_cards = make_vote(title="Elders")
    merged = db.session.get(Card, cards[3])
    merged.status, merged.merged_into_id = "merged", cards[0]
    db.session.commit()
    r = room(session, vote)
    ann = r.phone()
    for item, error in ((cards[1], "not_votable"), (cards[2], "not_votable"),
                        (cards[3], "merged"), (other_cards[0], "not_found"), (999999, "not_found")):
        answer = cast(ann, vote, cid(f"x{item}"), allocation={item: 1})
        assert answer["error"] == error and answer["message"], item
    # A vote of another session is not reachable either.
    answer = cast(ann, other_vote, cid("o"), allocation={other_cards[0]: 1})
    assert answer["error"] == "not_found"
    info = Activity(position=2, kind="info", title="x")
    session.activities.append(info)
    db.session.commit()
    assert cast(ann, info, cid("i"), allocation={cards[0]: 1})["error"] == "not_found"
    assert stored(vote) == [] and stored(other_vote) == []
    items = {i["id"] for i in r.last_view(r.projector)["items"]}
    assert items == {cards[0]}


def test_votes_on_a_card_merged_later_count_for_the_card_it_went_into(make_vote, room):
    session, vote, cards = make_vote(dots=3)
    r = room(session, vote)
    ann, bob = r.phone(), r.phone()
    assert cast(ann, vote, cid(1), allocation={cards[1]: 1, cards[2]: 1})["ok"]
    assert cast(bob, vote, cid(2), allocation={cards[2]: 1})["ok"]
    # The facilitator merges 1 into 2, then 2 into 3: the chain is followed.
    for source, target in ((cards[1], cards[2]), (cards[2], cards[3])):
        card = db.session.get(Card, source)
        card.status, card.merged_into_id = "merged", target
    db.session.commit()
    results = registry.get("vote").results(db.session.get(Activity, vote.id))
    assert [(row["id"], row["dots"]) for row in results["ranking"]] == [
        (cards[3], 3), (cards[0], 0)]
    mine = registry.get("vote").private_view(vote, ann.id)
    assert mine["allocation"] == {cards[3]: 2} and mine["remaining"] == 1
    # Keeping the two dots that came together is allowed, even without stacking.
    assert cast(ann, vote, cid(3), allocation={cards[3]: 2})["ok"]
    assert cast(ann, vote, cid(4), allocation={cards[3]: 2, cards[0]: 1})["ok"]


def test_withdrawing_own_votes(make_vote, room):
    session, vote, cards = make_vote(method="rate")
    r = room(session, vote)
    ann, bob = r.phone(), r.phone()
    for n, item in enumerate(cards[:2]):
        assert cast(ann, vote, cid(f"a{n}"), item=item, importance=5, urgency=4)["ok"]
    assert cast(bob, vote, cid("b"), item=cards[0], importance=1, urgency=1)["ok"]
    one = ann.emit("vote:clear", {"cid": cid("c1"), "activity": vote.id, "item": cards[0]},
                   callback=True)
    assert one["ok"] and list(one["mine"]["ratings"]) == [str(cards[1])]
    assert ann.emit("vote:clear", {"cid": cid("c2"), "activity": vote.id}, callback=True)["ok"]
    assert stored(vote) == [(bob.id, cards[0], 0, None, 1, 1)]
    ranking = r.last_view(r.projector)["results"]["ranking"]
    assert (ranking[0]["id"], ranking[0]["n"], ranking[0]["importance"]) == (cards[0], 1, 1)


def test_ranking_top_k(make_vote, room):
    session, vote, cards = make_vote(method="rank", rank_k=2)
    r = room(session, vote)
    ann, bob = r.phone(), r.phone()
    assert cast(ann, vote, cid(1), ranking=[cards[0], cards[1]])["ok"]
    assert cast(bob, vote, cid(2), ranking=[cards[1]])["ok"]
    assert cast(bob, vote, cid(3), ranking=[cards[0], cards[1], cards[2]])["error"] == "over_limit"
    assert cast(bob, vote, cid(4), ranking=[cards[2], cards[2]])["error"] == "invalid"
    assert cast(bob, vote, cid(5), allocation={cards[0]: 1})["error"] == "invalid"
    ranking = r.last_view(r.projector)["results"]["ranking"]
    # cards[1]: 1 + 2 = 3 points, one first choice; cards[0]: 2 points, one first choice.
    assert [(row["id"], row["borda"], row["first_choices"]) for row in ranking[:2]] == [
        (cards[1], 3, 1), (cards[0], 2, 1)]
    assert registry.get("vote").private_view(vote, ann.id)["ranking"] == [cards[0], cards[1]]


def test_rating_scales_and_quadrant(make_vote, room):
    session, vote, cards = make_vote(method="rate")
    r = room(session, vote)
    ann = r.phone()
    assert cast(ann, vote, cid(1), item=cards[0], importance=6, urgency=3)["error"] == "invalid"
    assert cast(ann, vote, cid(2), item=cards[0], importance=3)["error"] == "invalid"
    assert cast(ann, vote, cid(3), item=cards[0], importance=4, urgency=2)["ok"]
    assert cast(ann, vote, cid(4), item=cards[0], importance=5, urgency=5)["ok"]
    row = r.last_view(r.projector)["results"]["ranking"][0]
    assert (row["importance"], row["urgency"], row["n"], row["quadrant"]) == (
        5, 5, 1, "important_urgent")


def test_results_hidden_until_revealed_and_per_role(make_vote, room):
    session, vote, cards = make_vote(reveal="on_reveal")
    r = room(session, vote)
    ann, bob = r.phone("resident"), r.phone("volunteer")
    assert cast(ann, vote, cid(1), allocation={cards[0]: 1})["ok"]
    assert cast(bob, vote, cid(2), allocation={cards[1]: 1})["ok"]
    assert r.last_view(r.projector)["results"] is None
    assert r.last_view(ann)["results"] is None
    assert r.last_view(r.projector)["voters"] == 2
    assert r.last_view(r.console)["results"]["ranking"][0]["dots"] == 1
    assert cast(ann, vote, cid(3), allocation={cards[0]: 1})["ok"]
    # A phone cannot reveal.
    denied = ann.emit("vote:reveal", {"cid": cid(4), "activity": vote.id}, callback=True)
    assert denied["error"] == "forbidden"
    assert r.command("vote:reveal")["ok"]
    assert r.last_view(r.projector)["results"]["voters"] == 2
    assert r.last_view(ann)["results"]["ranking"][0]["dots"] == 1
    assert r.command("vote:show_role", role="volunteer")["ok"]
    shown = r.last_view(r.projector)["results"]
    assert shown["role"] == "volunteer" and shown["voters"] == 1
    assert [(row["id"], row["dots"]) for row in shown["ranking"][:2]] == [(cards[1], 1),
                                                                         (cards[0], 0)]
    assert r.command("vote:show_role", role="professional")["ok"]
    assert r.last_view(r.projector)["results"]["voters"] == 0
    assert r.command("vote:show_role", role="king")["error"] == "invalid"
    assert r.command("vote:hide_results")["ok"]
    assert r.last_view(r.projector)["results"] is None


def test_console_votes_for_an_assisted_participant_only(make_vote, room):
    session, vote, cards = make_vote()
    r = room(session, vote)
    added = r.console.emit("participant:add_assisted", {"cid": cid("as"), "role": "resident"},
                           callback=True)
    helped = added["participant"]["id"]
    answer = cast(r.console, vote, cid(1), allocation={cards[0]: 1}, on_behalf=helped)
    assert answer["ok"]
    assert db.session.scalar(select(Vote.entered_by)) == "assisted"
    ann = r.phone()
    denied = cast(r.console, vote, cid(2), allocation={cards[1]: 1}, on_behalf=ann.id)
    assert denied["error"] == "forbidden"
    assert cast(r.console, vote, cid(3), allocation={cards[1]: 1})["error"] == "forbidden"
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 1


def test_results_contract_has_no_names(make_vote, room):
    session, vote, cards = make_vote(method="rank")
    r = room(session, vote)
    ann = r.phone()
    assert cast(ann, vote, cid(1), ranking=[cards[2]])["ok"]
    results = registry.get("vote").results(vote)
    assert (results["type"], results["method"], results["target"], results["voters"]) == (
        "vote", "rank", "cards", 1)
    top = results["ranking"][0]
    assert {"id", "target", "text", "score", "rank", "tied", "borda", "first_choices"} <= set(top)
    assert top["target"] == "card" and top["rank"] == 1
    assert set(results["by_role"]) == {"resident"}
    assert "token" not in str(results) and "participant" not in str(results)


def test_themes_as_items_and_explicit_source(make_vote, room):
    session, vote, _cards = make_vote(target="themes", source=1)
    board = session.activities[0]
    themes = [Theme(activity_id=board.id, title=t, position=n)
              for n, t in enumerate(("Ontmoeting", "Mobiliteit"))]
    db.session.add_all(themes)
    db.session.commit()
    r = room(session, vote)
    assert [i["text"] for i in r.last_view(r.projector)["items"]] == ["Ontmoeting", "Mobiliteit"]
    assert cast(r.phone(), vote, cid(1), allocation={themes[1].id: 1})["ok"]
    top = registry.get("vote").results(vote)["ranking"][0]
    assert (top["id"], top["target"], top["text"]) == (themes[1].id, "theme", "Mobiliteit")


def test_a_vote_without_board_has_nothing_to_vote_on(make_vote, room):
    session, vote, cards = make_vote(source=2)  # position 2 is the vote itself
    r = room(session, vote)
    view = r.last_view(r.projector)
    assert view["has_source"] is False and view["items"] == []
    assert cast(r.phone(), vote, cid(1), allocation={cards[0]: 1})["error"] == "not_found"


def test_settings_are_checked():
    kind = registry.get("vote")
    assert kind.validate_settings({})["method"] == "dot"
    for bad in ({"method": "approval"}, {"dots": 0}, {"dots": 3, "max_dots_per_item": 4},
                {"colour": "red"}, {"reveal": "never"}):
        with pytest.raises(ValueError):
            kind.validate_settings(bad)


def test_votes_on_a_board_are_found_for_refreshing(make_vote):
    from cafe.activities.vote.queries import votes_on

    session, vote, _cards = make_vote()
    board = session.activities[0]
    assert votes_on(board) == {vote.id}
    _other, other_vote, _ = make_vote(title="Elders")
    assert other_vote.id not in votes_on(board)
