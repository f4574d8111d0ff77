"""Questions from the room through a real server and real Socket.IO clients (long-polling,
then the upgrade): phones ask and upvote, the console moderates, merges, pins and marks
answered, the projector follows, and every wrong move gets a message in the phone's language."""

import tomllib

import pytest

from cafe.activities.questions.settings import QuestionsSettings
from tests.questions.live import add_questions, console, open_activity
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def live(live_server):
    server = live_server()
    server.http = server.login()
    yield server


@pytest.fixture
def room(live):
    """A new questions activity (pre-moderated), opened; the console, the projector, phones."""
    made = []
    activity = add_questions(live, live.http, moderation="pre", max_length=80)
    desk = console(live, live.http)
    made.append(desk)
    open_activity(desk, activity)
    projector = Recorder(live.url, {"session": live.session["code"], "view": "projector",
                                    "key": live.session["key"]})
    made.append(projector)

    def phone(language="en", name=None):
        client = Recorder(live.url, {"session": live.session["code"], "view": "phone",
                                     "token": live.join(name=name, language=language)})
        made.append(client)
        return client

    yield activity, desk, projector, phone
    for client in made:
        client.close()


def view_of(activity):
    def match(event, data):
        return event == "activity" and data["id"] == activity
    return match


def wait_view(client, activity, test):
    """The newest whole view of the activity that passes test (views only grow newer)."""
    return client.wait_for(lambda e, d: view_of(activity)(e, d) and test(d["data"]))["data"]


def test_phones_ask_and_upvote_the_console_moderates_and_the_projector_follows(room, live):
    activity, desk, projector, phone = room
    asker, voter, other = phone(), phone(language="nl"), phone()
    ask = asker.call("questions:ask", {"cid": cid("ask1"), "activity": activity,
                                       "text": "When does the community centre open again?"})
    assert ask["ok"] and ask["status"] == "pending", ask
    assert ask["mine"]["own"][0]["status"] == "pending"
    first = ask["question"]
    # Waiting for approval: the others cannot upvote it yet.
    early = voter.call("questions:upvote", {"cid": cid("early"), "activity": activity,
                                            "question": first})
    assert early["error"] == "not_votable"
    assert early["message"] == "Deze vraag wordt niet meer getoond."
    wait_view(desk, activity, lambda d: [q["status"] for q in d["questions"]] == ["pending"])
    assert desk.call("questions:moderate", {"cid": cid("ok1"), "activity": activity,
                                            "question": first, "action": "approve"})["ok"]
    wait_view(projector, activity, lambda d: [q["id"] for q in d["questions"]] == [first])

    second = other.call("questions:ask", {"cid": cid("ask2"), "activity": activity,
                                          "text": "Who pays for the new benches?",
                                          "name": "Fatima"})["question"]
    desk.call("questions:moderate", {"cid": cid("ok2"), "activity": activity,
                                     "question": second, "action": "approve"})
    up = {"cid": cid("up1"), "activity": activity, "question": second}
    answer = voter.call("questions:upvote", up)
    assert answer["ok"] and answer["mine"]["voted"] == [second], answer
    assert voter.call("questions:upvote", up)["replayed"]  # the same event again: counted once
    twice = voter.call("questions:upvote", {**up, "cid": cid("up2")})
    assert twice["error"] == "duplicate" and twice["message"] == "U hebt deze vraag al gesteund."
    assert other.call("questions:upvote", {"cid": cid("up3"), "activity": activity,
                                           "question": second})["ok"]  # one's own, once
    shown = wait_view(projector, activity,
                      lambda d: [(q["id"], q["votes"]) for q in d["questions"]]
                      == [(second, 2), (first, 0)])
    assert shown["questions"][0]["name"] == "Fatima"
    # Phones get the upvotes (as a tally patch, or in a whole view when more changed).
    asker.wait_for(lambda e, d: e in ("tally", "activity") and d["id"] == activity
                   and d["data"]["votes"] == {str(first): 0, str(second): 2})

    # Pin the most upvoted, then mark it answered: one pinned at a time, answered apart.
    assert desk.call("questions:pin", {"cid": cid("pin1"), "activity": activity,
                                       "question": first})["ok"]
    assert desk.call("questions:pin", {"cid": cid("pin2"), "activity": activity,
                                       "question": second})["ok"]
    pinned = wait_view(projector, activity,
                       lambda d: (d["pinned"] or {}).get("id") == second)
    assert [q["id"] for q in pinned["questions"]] == [first]
    assert desk.call("questions:answered", {"cid": cid("done"), "activity": activity,
                                            "question": second})["ok"]
    wait_view(projector, activity, lambda d: d["pinned"] is None and d["answered"] == 1)
    late = voter.call("questions:upvote", {"cid": cid("late"), "activity": activity,
                                           "question": second})
    assert late["message"] == "Deze vraag is al beantwoord."
    phone_view = wait_view(asker, activity, lambda d: any(q["answered"] for q in d["questions"]))
    assert {q["id"]: q["answered"] for q in phone_view["questions"]} == {first: False,
                                                                         second: True}

    # The report's source: results without names, with votes and the answered state.
    results = live_results(live, activity)
    assert results == {"type": "questions", "questions": [
        {"id": second, "text": "Who pays for the new benches?", "votes": 2, "answered": True,
         "pinned": False, "merged": 0},
        {"id": first, "text": "When does the community centre open again?", "votes": 0,
         "answered": False, "pinned": False, "merged": 0}]}


def live_results(live, activity):
    rows = live.http.get(f"{live.url}/api/v1/sessions/{live.session['id']}/results",
                         timeout=10).json()["activities"]
    return next(a["results"] for a in rows if a["id"] == activity)


def test_merging_hiding_bad_input_and_closing_get_clear_answers(room, live):
    activity, desk, projector, phone = room
    nl, en = phone(language="nl"), phone()
    ids = []
    for n, text in enumerate(["Is there parking at the school?", "Parking at the school?"]):
        answer = en.call("questions:ask", {"cid": cid(f"m{n}"), "activity": activity,
                                           "text": text})
        desk.call("questions:moderate", {"cid": cid(f"mo{n}"), "activity": activity,
                                         "question": answer["question"], "action": "approve"})
        ids.append(answer["question"])
    target, duplicate = ids
    nl.call("questions:upvote", {"cid": cid("v1"), "activity": activity, "question": target})
    nl.call("questions:upvote", {"cid": cid("v2"), "activity": activity, "question": duplicate})
    en.call("questions:upvote", {"cid": cid("v3"), "activity": activity, "question": duplicate})
    assert desk.call("questions:merge", {"cid": cid("merge"), "source": duplicate,
                                         "target": target})["ok"]
    wait_view(projector, activity,
              lambda d: [(q["id"], q["votes"]) for q in d["questions"]] == [(target, 2)])
    # The phone that upvoted the duplicate now sees its upvote on the question it went into.
    en.wait_for(lambda e, d: e == "private" and d["activity"] == activity
                and d["data"]["voted"] == [target])

    assert desk.call("questions:moderate", {"cid": cid("hide"), "activity": activity,
                                            "question": target, "action": "hide"})["ok"]
    hidden = nl.call("questions:upvote", {"cid": cid("v4"), "activity": activity,
                                          "question": target, "up": False})
    assert hidden["ok"]  # taking an upvote back is always possible
    again = nl.call("questions:upvote", {"cid": cid("v5"), "activity": activity,
                                         "question": target})
    assert again["message"] == "Deze vraag wordt niet meer getoond."
    wait_view(projector, activity, lambda d: d["questions"] == [])

    def ask(text, **extra):
        return nl.call("questions:ask", {"cid": cid(f"bad{len(text)}{len(extra)}"),
                                         "activity": activity, "text": text, **extra})

    assert ask("   ")["message"] == "Schrijf eerst iets."
    assert ask("\x00\x07\u200b")["message"] == "Schrijf eerst iets."  # control characters only
    assert ask("x" * 81)["message"] == "Deze tekst is te lang (hoogstens 80 tekens)."
    assert ask("Mag ik?", name="n" * 41)["error"] == "invalid"
    assert nl.call("questions:ask", {"cid": cid("nope"), "activity": 999999,
                                     "text": "Waar?"})["message"] == \
        "Deze vragenronde bestaat niet."
    assert nl.call("questions:withdraw", {"cid": cid("wd"), "activity": activity,
                                          "question": duplicate})["message"] == \
        "U kunt alleen uw eigen vragen intrekken."
    assert nl.call("questions:pin", {"cid": cid("pin"), "activity": activity})["error"] == \
        "forbidden"  # a phone is not the console
    # Someone without a phone: the facilitator asks and upvotes for them, approved at once.
    helped = desk.call("participant:add_assisted", {"cid": cid("helped"), "name": "Mia"})
    helped = helped["participant"]["id"]
    asked = desk.call("questions:ask", {"cid": cid("for-mia"), "activity": activity,
                                        "text": "Is er een lift in het gemeentehuis?",
                                        "on_behalf": helped})
    assert asked["ok"] and asked["status"] == "visible", asked
    assert asked["mine"]["own"][0]["text"] == "Is er een lift in het gemeentehuis?"
    assert desk.call("questions:upvote", {"cid": cid("mia-up"), "activity": activity,
                                          "question": asked["question"],
                                          "on_behalf": helped})["mine"]["voted"] == [
        asked["question"]]
    desk.call("activity:close", {"cid": cid("close"), "activity": activity})
    assert ask("Nog een vraag?")["message"] == "Deze activiteit is nu niet open."


@pytest.mark.usefixtures("room")
def test_the_session_exports_as_a_plan_with_its_questions_activity(live):
    text = live.http.get(f"{live.url}/console/sessions/{live.session['id']}/plan.toml",
                         timeout=10).text
    planned = [a for a in tomllib.loads(text)["activity"] if a["kind"] == "questions"]
    assert planned, text
    settings = QuestionsSettings.model_validate(planned[-1]["settings"])
    assert (settings.moderation, settings.max_length) == ("pre", 80)
