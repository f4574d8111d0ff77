"""The Redis message queue of several server processes, without the per-emit payload scan.

python-socketio's PubSubManager.emit walks every value of every payload looking for bytes
(`Packet.data_is_binary`) before publishing it, the walk `cafe/live/wire.py` already removed
from the single-process path: a vote's projector view holds thousands of values and every emit
paid for it twice. Our payloads never hold bytes (see wire.py), so the message is published as
text. Callbacks and `ignore_queue` keep the library's own path.
"""

import socketio


class TextRedisManager(socketio.RedisManager):
    def emit(self, event, data, namespace=None, room=None, skip_sid=None, callback=None,
             to=None, **kwargs):
        if callback is not None or kwargs.get("ignore_queue"):
            return super().emit(event, data, namespace=namespace, room=room,
                                skip_sid=skip_sid, callback=callback, to=to, **kwargs)
        # The message python-socketio 5 publishes for a payload without bytes.
        message = {"method": "emit", "event": event,
                   "data": list(data) if isinstance(data, tuple) else [data],
                   "binary": False, "namespace": namespace or "/", "room": to or room,
                   "skip_sid": skip_sid, "callback": None, "host_id": self.host_id}
        self._handle_emit(message)  # this process's clients
        self._publish(message)  # the other processes'


def client_manager(url: str | None, server_options: dict):
    """The manager for MESSAGE_QUEUE, or None to let Flask-SocketIO choose (no queue, or a
    queue other than Redis). Takes the channel out of the extension's server options, as
    Flask-SocketIO does when it makes the manager itself."""
    if url and url.startswith(("redis://", "rediss://")):
        return TextRedisManager(url, channel=server_options.pop("channel", "flask-socketio"))
    return None
