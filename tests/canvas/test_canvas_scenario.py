"""Issue 5, done when: a real server and ten python-socketio phones fill one canvas at the same
time. Every accepted item is stored exactly once (the acks against the database, read here
with plain SQL), a resent event is not stored twice, conflicting edits are refused with the
current version, and the last canvas the projector received equals the database."""

import sqlite3
import threading

import pytest

from tests.support.factories import cid
from tests.support.server import Recorder, create_missing_tables

pytestmark = pytest.mark.server

PHONES = 10
ITEMS_EACH = 6
FIELDS = ("long_term_change", "outcomes", "activities", "target_group", "actors_resources",
          "assumptions", "context", "indicators")


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="veranderingstheorie", prepare=create_missing_tables)
    live.canvas_activity = live.session["activities"][3]
    return live


def stored_items(server, activity_id) -> dict[int, tuple]:
    """{id: (field, text, version)} straight from the database file."""
    path = server.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT i.id, i.field, i.text, i.version FROM canvas_items i "
            "JOIN canvases c ON c.id = i.canvas_id WHERE c.activity_id = ?", (activity_id,))
        return {row[0]: tuple(row[1:]) for row in rows}


def shown_items(view) -> dict[int, tuple]:
    return {i["id"]: (i["field"], i["text"], i["version"])
            for sheet in view["data"]["canvases"] for i in sheet["items"]}


def run_together(jobs):
    """Start every job at the same moment (a barrier), wait for all; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def wrap(job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as exc:  # reported in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    if errors:
        raise errors[0]


def test_ten_phones_fill_one_canvas_concurrently(server):
    s = server.session
    activity = server.canvas_activity
    http = server.login()
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    projector = Recorder(server.url, {"session": s["code"], "view": "projector", "key": s["key"]})
    opened = console.call("activity:open", {"cid": cid("open-canvas"), "activity": activity})
    assert opened["ok"], opened
    view = projector.wait_for(lambda e, d: e == "activity" and d["id"] == activity
                              and d["data"]["canvases"])
    canvas = view["data"]["canvases"][0]["id"]
    phones = [Recorder(server.url, {"session": s["code"], "view": "phone",
                                    "token": server.join(role="resident")})
              for _ in range(PHONES)]

    acks: dict[int, list[dict]] = {n: [] for n in range(PHONES)}

    def fill(n):
        phone = phones[n]
        for k in range(ITEMS_EACH):
            payload = {"cid": cid(f"add-{n}-{k}"), "canvas": canvas,
                       "field": FIELDS[(n + k) % len(FIELDS)], "text": f"Idee {k} van telefoon {n}"}
            answer = phone.call("canvas:add", payload)
            acks[n].append(answer)
            if k == 2:  # the answer "got lost": the phone sends the same event again
                again = phone.call("canvas:add", payload)
                assert again["replayed"] is True and again["item"]["id"] == answer["item"]["id"]
        # One refused on purpose: empty text is never stored.
        empty = phone.call("canvas:add", {"cid": cid(f"empty-{n}"), "canvas": canvas,
                                          "field": "activities", "text": "   "})
        assert empty["ok"] is False and empty["error"] == "invalid" and empty["message"]

    run_together([lambda n=n: fill(n) for n in range(PHONES)])

    accepted = {}
    for answers in acks.values():
        for answer in answers:
            assert answer["ok"], answer
            accepted[answer["item"]["id"]] = (answer["item"]["field"], answer["item"]["text"], 1)
    assert len(accepted) == PHONES * ITEMS_EACH
    stored = stored_items(server, activity)
    assert stored == accepted  # each accepted item once, nothing else

    # Two phones edit the same items at the same moment, both based on version 1: on every
    # item exactly one wins; the other is refused with the winner's text and version 2.
    targets = sorted(accepted)[:PHONES]
    results: dict[tuple[int, int], dict] = {}

    def edit(n):
        for item in targets:
            results[(n, item)] = phones[n].call("canvas:edit", {
                "cid": cid(f"edit-{n}-{item}"), "item": item, "version": 1,
                "text": f"Herschreven door telefoon {n}"})

    run_together([lambda: edit(0), lambda: edit(1)])
    stored = stored_items(server, activity)
    for item in targets:
        answers = [results[(0, item)], results[(1, item)]]
        winners = [a for a in answers if a["ok"]]
        losers = [a for a in answers if not a["ok"]]
        assert len(winners) == 1 and len(losers) == 1, answers
        assert losers[0]["error"] == "conflict" and losers[0]["message"]
        assert losers[0]["item"]["version"] == 2
        assert losers[0]["item"]["text"] == winners[0]["item"]["text"]
        assert stored[item][1:] == (winners[0]["item"]["text"], 2)

    # A move based on an outdated version is refused too, and changes nothing.
    moved = targets[0]
    stale = phones[3].call("canvas:move", {"cid": cid("stale-move"), "item": moved,
                                           "version": 1, "field": "context"})
    assert stale["error"] == "conflict" and stale["item"]["version"] == 2
    assert stored_items(server, activity) == stored

    # The projector's newest canvas equals the database.
    final = stored_items(server, activity)
    projector.wait_for(lambda e, d: e == "activity" and d["id"] == activity
                       and shown_items(d) == final, timeout=20)
    last = projector.last("activity")
    assert last["id"] == activity and shown_items(last) == final
    for client in (console, projector, *phones):
        client.close()
