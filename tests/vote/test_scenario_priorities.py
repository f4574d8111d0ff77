"""Issue 3, done when: a real server and 30 python-socketio phones. Cards are posted, two merged,
one hidden, dots cast; the projector shows results equal to a tally computed here, from what
was cast, without the application's tally code. Then refusals: past the limit, on a hidden card,
a replayed event, a closed vote; each with a message, none changing the results."""

import random

import pytest

from tests.support.factories import cid
from tests.support.server import Recorder, create_missing_tables

pytestmark = pytest.mark.server

PHONES = 30
ROLES = ("resident", "volunteer", "professional", "experience_expert", None)


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(plan="priorities", prepare=create_missing_tables)


def competition_ranking(dots: dict[int, int]) -> dict[int, tuple[int, bool]]:
    """{item: (rank, tied)}, written out independently of cafe.domain.tally."""
    scores = sorted(dots.values(), reverse=True)
    return {
        item: (scores.index(score) + 1, scores.count(score) > 1) for item, score in dots.items()
    }


def dots_shown(view: dict) -> dict[int, int]:
    return {row["id"]: row["dots"] for row in view["data"]["results"]["ranking"]}


def results_of(http, server, vote_id) -> dict:
    url = f"{server.url}/api/v1/sessions/{server.session['id']}/results"
    activities = http.get(url, timeout=10).json()["activities"]
    return next(a["results"] for a in activities if a["id"] == vote_id)


def test_thirty_phones_vote_and_the_projector_shows_the_tally(server):
    s = server.session
    http = server.login()
    agenda = http.get(f"{server.url}/api/v1/sessions/{s['id']}", timeout=10).json()
    kinds = {a["kind"]: a["id"] for a in reversed(agenda["session"]["agenda"])}
    board_id, vote_id = kinds["board"], kinds["vote"]
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    projector = Recorder(server.url, {"session": s["code"], "view": "projector", "key": s["key"]})
    phones = []
    for n in range(PHONES):
        token = server.join(role=ROLES[n % len(ROLES)])
        phones.append(Recorder(server.url, {"session": s["code"], "view": "phone",
                                            "token": token}))

    sent = iter(range(1000))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"console-{next(sent)}"), **payload})
        assert answer["ok"] and not answer.get("replayed"), (event, answer)
        return answer

    # Cards: every third phone posts a need or a talent.
    command("activity:open", activity=board_id)
    texts = {}
    for n in range(0, PHONES, 3):
        text = f"Kaart van telefoon {n}: meer ontmoeting in de buurt"
        answer = phones[n].call("card:add", {"cid": cid(f"card-{n}"), "activity": board_id,
                                             "type": "need" if n % 2 else "talent",
                                             "text": text})
        assert answer["ok"], answer
        texts[text] = n
    cards = {card["text"]: card["id"] for card in results_of(http, server, board_id)["cards"]}
    assert set(cards) == set(texts)
    ids = [cards[t] for t in sorted(texts, key=texts.get)]
    # Two duplicates merged into the cards they repeat, one off-topic card hidden.
    command("card:merge", source=ids[1], target=ids[0])
    command("card:merge", source=ids[3], target=ids[2])
    hidden = ids[4]
    command("card:hide", card=hidden)
    command("activity:close", activity=board_id)
    votable = [i for i in ids if i not in (ids[1], ids[3], hidden)]

    command("activity:open", activity=vote_id)
    view = projector.wait_for(lambda e, d: e == "activity" and d["id"] == vote_id)
    assert sorted(item["id"] for item in view["data"]["items"]) == sorted(votable)
    assert view["data"]["results"] is None  # the plan reveals the results at the end

    # Every phone spends up to five dots, one per card; some change their mind, one withdraws.
    rng = random.Random(3)
    final: dict[int, dict[int, int]] = {}
    for n, phone in enumerate(phones):
        allocation = {item: 1 for item in rng.sample(votable, rng.randint(1, 5))}
        answer = phone.call("vote:cast", {"cid": cid(f"vote-{n}"), "activity": vote_id,
                                          "allocation": allocation})
        assert answer["ok"], answer
        final[n] = allocation
    for n in range(0, PHONES, 4):
        allocation = {item: 1 for item in rng.sample(votable, 2)}
        assert phones[n].call("vote:cast", {"cid": cid(f"again-{n}"), "activity": vote_id,
                                            "allocation": allocation})["ok"]
        final[n] = allocation
    assert phones[5].call("vote:clear", {"cid": cid("clear-5"), "activity": vote_id})["ok"]
    final[5] = {}
    command("vote:reveal", activity=vote_id)

    # The tally, by hand: every dot on the card it was given to.
    expected = {item: 0 for item in votable}
    for allocation in final.values():
        for item, dots in allocation.items():
            expected[item] += dots
    voters = sum(1 for allocation in final.values() if allocation)

    def shows(wanted):
        return lambda view: view["data"]["results"] is not None and dots_shown(view) == wanted

    projector.wait_view(vote_id, shows(expected), timeout=20)
    # A duplicate found while voting: merged, its dots go to the card it repeats, at once.
    late_source, late_target = votable[-1], votable[-2]
    command("card:merge", source=late_source, target=late_target)
    expected[late_target] += expected.pop(late_source)
    votable.remove(late_source)
    projector.wait_view(vote_id, shows(expected), timeout=20)
    view = projector.view(vote_id)
    ranking = view["data"]["results"]["ranking"]
    assert view["data"]["results"]["voters"] == voters
    assert [row["dots"] for row in ranking] == sorted(expected.values(), reverse=True)
    ranks = competition_ranking(expected)
    assert {row["id"]: (row["rank"], row["tied"]) for row in ranking} == ranks
    assert all(row["text"] for row in ranking)
    before = results_of(http, server, vote_id)

    # Refused, with a message, and nothing changes.
    phone = phones[1]
    over = phone.call("vote:cast", {"cid": cid("over"), "activity": vote_id,
                                    "allocation": {item: 1 for item in votable[:6]}})
    assert over["ok"] is False and over["error"] == "over_limit" and over["message"]
    stacked = phone.call("vote:cast", {"cid": cid("stack"), "activity": vote_id,
                                       "allocation": {votable[0]: 2}})
    assert stacked["error"] == "over_limit" and stacked["message"]
    on_hidden = phone.call("vote:cast", {"cid": cid("hidden"), "activity": vote_id,
                                         "allocation": {hidden: 1}})
    assert on_hidden["error"] == "not_votable" and on_hidden["message"]
    merged = phone.call("vote:cast", {"cid": cid("merged"), "activity": vote_id,
                                      "allocation": {ids[1]: 1}})
    assert merged["error"] == "merged" and merged["message"]
    replay = phone.call("vote:cast", {"cid": cid("vote-1"), "activity": vote_id,
                                      "allocation": {votable[0]: 1}})
    assert replay["ok"] and replay["replayed"] is True
    assert results_of(http, server, vote_id) == before

    command("activity:close", activity=vote_id)
    late = phones[2].call("vote:cast", {"cid": cid("late"), "activity": vote_id,
                                        "allocation": {votable[0]: 1}})
    assert late["error"] == "closed" and late["message"]
    assert results_of(http, server, vote_id) == before
    assert dots_shown(projector.view(vote_id)) == expected
    mine = phone.call("vote:clear", {"cid": cid("late-clear"), "activity": vote_id})
    assert mine["error"] == "closed"
    assert {row["id"]: row["dots"] for row in before["ranking"]} == expected
    for client in (console, projector, *phones):
        client.close()
