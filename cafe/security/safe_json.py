"""The JSON codec of the Socket.IO server, hardened against hostile packets.

Python's decoder raises RecursionError on deeply nested input (10,000 brackets fit easily in one
message) and ValueError on broken JSON; inside python-socketio either becomes a logged traceback
instead of a refusal. Here such a packet becomes its event with no payload, which every handler
refuses as "bad_request", or an event nobody handles.
"""

import json
import re

_EVENT_NAME = re.compile(r'^\s*\[\s*"((?:[^"\\]|\\.){1,64})"')
UNREADABLE = "unreadable"


class SafeJSON:
    @staticmethod
    def dumps(*args, **kwargs):
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(text, *args, **kwargs):
        try:
            return json.loads(text, *args, **kwargs)
        except (RecursionError, ValueError):
            match = _EVENT_NAME.match(text) if isinstance(text, str) else None
            if match is None:
                return [UNREADABLE]
            try:
                name = json.loads(f'"{match.group(1)}"')
            except ValueError:
                return [UNREADABLE]
            return [name, None]
