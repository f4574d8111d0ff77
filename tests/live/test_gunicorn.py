"""The app under gunicorn's gevent worker (docs/DEPLOY.md), not started through cafe.server:
the live layer's background tasks start with the app, so phones get the coalesced vote updates
the flusher sends, and browsers upgrade to WebSocket."""

import sys

import pytest

from tests.support.factories import cid
from tests.support.server import LiveServer, Recorder

pytestmark = [pytest.mark.server]


class GunicornServer(LiveServer):
    def command(self) -> list[str]:
        return [sys.executable, "-m", "gunicorn", "--worker-class", "gevent", "--workers", "1",
                "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "2",
                "--no-control-socket", "cafe.wsgi:app"]


@pytest.fixture(scope="module")
def server(live_server):
    pytest.importorskip("gunicorn")
    return live_server(plan="priorities", server_class=GunicornServer, async_mode="gevent",
                       env={"CAFE_ASYNC_MODE": "gevent"})


def test_phones_get_vote_updates_under_gunicorns_gevent_worker(server):
    session = server.session
    board, vote = session["activities"][1:3]  # the plan: welcome, board, vote, thanks
    console = Recorder(server.url, {"session": session["code"], "view": "console"},
                       cookies=server.login().cookies.get_dict())
    watcher = Recorder(server.url, {"session": session["code"], "view": "phone",
                                    "token": server.join(name="Kijker")})
    voter = Recorder(server.url, {"session": session["code"], "view": "phone",
                                  "token": server.join(name="Stemmer")})
    try:
        assert watcher.client.transport() == "websocket"

        def command(event, **payload):
            answer = console.call(event, {"cid": cid(f"{event}-{len(console.events)}"),
                                          **payload})
            assert answer["ok"], answer
            return answer

        command("activity:open", activity=board)
        card = voter.call("card:add", {"cid": cid("card"), "activity": board, "type": "need",
                                       "text": "Een bank op het plein"})
        assert card["ok"], card
        command("activity:open", activity=vote)
        command("vote:reveal", activity=vote)
        answer = voter.call("vote:cast", {"cid": cid("ballot"), "activity": vote,
                                          "allocation": {card["card"]: 1}})
        assert answer["ok"], answer
        # Phones' updates are coalesced, and only the flusher sends them: the final state, one
        # voter, as a whole view or a tally patch (whichever the flusher's timing makes it).
        final = watcher.wait_for(
            lambda event, data: event in ("activity", "tally") and data["id"] == vote
            and data["data"].get("voters") == 1, timeout=20)
        assert final["data"]["results"]
    finally:
        for client in (console, watcher, voter):
            client.close()
