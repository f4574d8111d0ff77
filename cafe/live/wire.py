"""How Socket.IO packets are written: JSON text only.

python-socketio walks every value of every outgoing payload looking for bytes, so that it can
send them as binary attachments. Our payloads never hold bytes (images are served over HTTP),
and that walk cost more than encoding the JSON: a vote's results for the projector hold
thousands of values. Bytes passed by mistake fail loudly in json.dumps instead.
"""

from socketio.packet import Packet


class TextPacket(Packet):
    uses_binary_events = False
