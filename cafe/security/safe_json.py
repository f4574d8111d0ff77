"""The JSON codecs of the live channel, hardened against hostile packets.

Python's decoder raises RecursionError on deeply nested input (10,000 brackets fit easily in one
message) and ValueError on broken JSON. There are two layers, with different contracts:

- Engine.IO (the transport) tries JSON on every packet and relies on ValueError to keep text that
  is not JSON as it is: the WebSocket upgrade probe is the text "probe". Its codec, `EngineJSON`,
  only turns RecursionError into that ValueError (uncaught, it ends the connection's reader).
- Socket.IO (the events) gets `SafeJSON`: an unreadable packet becomes its event with no payload,
  which every handler refuses as "bad_request", or an event nobody handles, instead of a logged
  traceback.

Giving Engine.IO the Socket.IO codec turned "probe" into an event, so no client ever upgraded from
long-polling to WebSocket.
"""

import re

from engineio import json as engine_json

from cafe.live import wire

_EVENT_NAME = re.compile(r'^\s*\[\s*"((?:[^"\\]|\\.){1,64})"')
UNREADABLE = "unreadable"


class EngineJSON:
    @staticmethod
    def dumps(*args, **kwargs):
        return engine_json.dumps(*args, **kwargs)

    @staticmethod
    def loads(text, *args, **kwargs):
        try:
            return engine_json.loads(text, *args, **kwargs)
        except RecursionError as error:
            raise ValueError("too deeply nested") from error


class SafeJSON:
    @staticmethod
    def dumps(*args, **kwargs):
        return wire.dumps(*args, **kwargs)  # with the parts written once (wire.Encoded)

    @staticmethod
    def loads(text, *args, **kwargs):
        try:
            return engine_json.loads(text, *args, **kwargs)
        except (RecursionError, ValueError):
            match = _EVENT_NAME.match(text) if isinstance(text, str) else None
            if match is None:
                return [UNREADABLE]
            try:
                name = engine_json.loads(f'"{match.group(1)}"')
            except ValueError:
                return [UNREADABLE]
            return [name, None]
