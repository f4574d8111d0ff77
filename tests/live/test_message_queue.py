"""Several processes on Redis (cafe.live.queue): an emit publishes the message python-socketio
would, without walking the payload for bytes first."""

import socketio
from socketio.packet import Packet

from cafe.live.queue import EndingManager, TextRedisManager, client_manager

# A projector view of a 30-item vote at a café's volume: many values to walk.
VIEW = {"id": 7, "data": {"items": [{"id": i, "text": f"Voorstel {i}", "dots": i % 5}
                                    for i in range(30)],
                          "cards": [{"id": c, "text": f"Kaart {c}"} for c in range(80)]}}


def published(manager) -> list[dict]:
    sent = []
    manager._publish = sent.append
    manager._handle_emit = lambda message: None  # no clients in this process
    return sent


def test_an_emit_publishes_what_python_socketio_would_without_scanning(monkeypatch):
    ours = TextRedisManager("redis://127.0.0.1:1/0", channel="cafe-test")
    library = socketio.RedisManager("redis://127.0.0.1:1/0", channel="cafe-test")
    library.host_id = ours.host_id
    ours_sent, library_sent = published(ours), published(library)
    library.emit("activity", VIEW, room="s1:projector", skip_sid="abc")
    scans = []
    monkeypatch.setattr(Packet, "data_is_binary", classmethod(
        lambda cls, data: scans.append(data) or False))
    ours.emit("activity", VIEW, room="s1:projector", skip_sid="abc")
    assert scans == []
    assert ours_sent == library_sent and ours_sent[0]["data"] == [VIEW]


def test_redis_gets_our_manager_and_other_set_ups_the_library_default():
    options = {"channel": "cafe-x"}
    manager = client_manager("redis://127.0.0.1:1/0", options)
    assert isinstance(manager, TextRedisManager) and manager.channel == "cafe-x"
    assert "channel" not in options
    assert isinstance(client_manager(None, {}), EndingManager)
    assert client_manager("amqp://guest@localhost//", {}) is None
