"""The Redis message queue of several server processes, without the per-emit payload scan.

python-socketio's PubSubManager.emit walks every value of every payload looking for bytes
(`Packet.data_is_binary`) before publishing it, the walk `cafe/live/wire.py` already removed
from the single-process path: a vote's projector view holds thousands of values and every emit
paid for it twice. Our payloads never hold bytes (see wire.py), so the message is published as
text. Callbacks and `ignore_queue` keep the library's own path.
"""

import socketio


def _end_members(manager, room: str, namespace: str | None) -> None:
    """Disconnect this process's clients in `room` (their client may reconnect: it is then
    asked again who it is, as any new connection)."""
    namespace = namespace or "/"
    for sid, _eio_sid in list(manager.get_participants(namespace, room)):
        manager.server.disconnect(sid, namespace=namespace, ignore_queue=True)


class EndingManager(socketio.Manager):
    """One process, no queue: `end_room` ends the connections in a room."""

    def end_room(self, room: str, namespace: str | None = None) -> None:
        _end_members(self, room, namespace)
        self.close_room(room, namespace or "/")


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

    def end_room(self, room: str, namespace: str | None = None) -> None:
        """End the connections in `room` on every process: a close_room message marked `end`
        (python-socketio passes it to `_handle_close_room` on every other process)."""
        message = {"method": "close_room", "room": room, "namespace": namespace or "/",
                   "host_id": self.host_id, "end": True}
        self._handle_close_room(message)
        self._publish(message)

    def _handle_close_room(self, message):
        if message.get("end"):
            _end_members(self, message.get("room"), message.get("namespace"))
        super()._handle_close_room(message)


def client_manager(url: str | None, server_options: dict):
    """The manager for MESSAGE_QUEUE: ours for no queue and for Redis, None to let
    Flask-SocketIO choose for another queue (there `end_room` ends this process's connections
    only). Takes the channel out of the extension's server options, as Flask-SocketIO does when
    it makes the manager itself."""
    if url and url.startswith(("redis://", "rediss://")):
        return TextRedisManager(url, channel=server_options.pop("channel", "flask-socketio"))
    if not url:
        return EndingManager()
    return None


def end_room(server, room: str, namespace: str = "/") -> None:
    """End every connection in `room`: on every process with Redis or a single process, on
    this process with another queue (its other processes' clients are refused at their next
    event and can no longer reconnect)."""
    manager = server.manager
    if hasattr(manager, "end_room"):
        manager.end_room(room, namespace)
    else:
        _end_members(manager, room, namespace)
