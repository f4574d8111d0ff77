"""How Socket.IO packets are written: JSON text only, with pre-encoded parts spliced in.

python-socketio walks every value of every outgoing payload looking for bytes, so that it can
send them as binary attachments. Our payloads never hold bytes (images are served over HTTP),
and that walk cost more than encoding the JSON: a vote's results for the projector hold
thousands of values. Bytes passed by mistake fail loudly in json.dumps instead.

`Encoded` is a part of a payload already written as JSON: a vote's items are the same for
every phone until the board changes (3,000 cards are about 300 KB), so they are encoded once
per version of the board, not once per phone that connects (cafe.activities.vote.queries).
The codec (`dumps`, which cafe.security.safe_json's SafeJSON writes with) writes the rest of
the payload and puts the text in its place.
"""

import json
import uuid

from socketio.packet import Packet

SEPARATORS = (",", ":")  # as python-socketio writes packets: a fragment must match


class Encoded:
    """A JSON value written once, sent in many payloads (read-only: shared)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    @classmethod
    def of(cls, value) -> "Encoded":
        return cls(json.dumps(value, separators=SEPARATORS))

    def __getstate__(self):  # a message queue pickles payloads (no __dict__ with __slots__)
        return self.text

    def __setstate__(self, text):
        self.text = text

    def __repr__(self) -> str:
        return f"Encoded({len(self.text)} characters)"


def dumps(data, **kwargs) -> str:
    """json.dumps with every Encoded part put in as it is. Each part is written first as a
    marker string no text can hold (a NUL, which cafe.domain.control_chars removes from what
    people send, and a random word), then replaced: one pass over the text, not an encoding."""
    parts: list[str] = []
    marker: list[str] = []  # made at the first part: most payloads have none
    outer = kwargs.pop("default", None)

    def default(value):
        if isinstance(value, Encoded):
            if not marker:
                marker.append(f"\x00{uuid.uuid4().hex}:")
            parts.append(value.text)
            return f"{marker[0]}{len(parts) - 1}"
        if outer is not None:
            return outer(value)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    text = json.dumps(data, default=default, **kwargs)
    if not parts:
        return text
    quoted = json.dumps(marker[0])[:-1]  # the marker as written, opening quote included
    for index, part in enumerate(parts):
        text = text.replace(f'{quoted}{index}"', part, 1)
    return text


class TextPacket(Packet):
    uses_binary_events = False
