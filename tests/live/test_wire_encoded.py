"""A part of a payload written once (cafe.live.wire.Encoded) goes out as the JSON it is, in
a room's packet and in the message another process gets through Redis, whatever the texts
around it hold."""

import json
import pickle

from cafe.live.wire import Encoded, dumps
from cafe.security.safe_json import SafeJSON

ITEMS = [{"id": 1, "text": 'é "quoted" \x00 and \\u0000'}, {"id": 2, "text": "٢ بطاقة"}]


def test_an_encoded_part_reads_back_as_the_value_it_was_made_of():
    items = Encoded.of(ITEMS)
    payload = {"items": items, "again": [items], "text": "\x00 a NUL of the sender", 7: None}
    text = dumps(payload, separators=(",", ":"))
    assert json.loads(text) == {"items": ITEMS, "again": [ITEMS],
                                "text": "\x00 a NUL of the sender", "7": None}


def test_the_socket_codec_and_the_message_queue_write_it():
    items = Encoded.of(ITEMS)
    # Socket.IO packets are written with SafeJSON (cafe.app.socket_codec), as is what the
    # Redis manager publishes (python-socketio hands managers the packet's codec).
    packet = SafeJSON.dumps(["activity", {"data": {"items": items}}], separators=(",", ":"))
    assert json.loads(packet) == ["activity", {"data": {"items": ITEMS}}]
    copied = pickle.loads(pickle.dumps({"items": items}))  # a queue that pickles
    assert json.loads(SafeJSON.dumps(copied)) == {"items": ITEMS}


def test_without_an_encoded_part_it_is_json_dumps():
    assert dumps({"a": [1, "x"]}) == json.dumps({"a": [1, "x"]})
