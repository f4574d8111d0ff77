"""What several server processes on one message queue (Redis) agree on: which of them sends
the next coalesced update, how many of them there are, who is in a room and how many
participants are online in all of them together."""

import time

from cafe.extensions import socketio
from cafe.live.connections import online_participants
from cafe.live.runtime import live


def redis_client():
    """The Redis client of the message queue, when several processes share one."""
    return getattr(getattr(socketio.server, "manager", None), "redis", None)


# A process's online count stands this long unless it refreshes it (every ONLINE_REFRESH s
# while it has connections): the count of a process that died goes after that.
ONLINE_TTL = 90
ONLINE_REFRESH = 30


def _channel() -> str:
    return socketio.server.manager.channel


def online_total(session_id: int, mine: int) -> int:
    """Participants online in a session in all processes: each process keeps its own count in
    a Redis hash (field: the process, value: count and when), and adds the fresh ones up.
    Alone (no Redis): `mine`."""
    client = redis_client()
    if client is None:
        return mine
    key = f"{_channel()}:online:{session_id}"
    now = time.time()
    try:
        pipe = client.pipeline()
        pipe.hset(key, live().ident, f"{mine}:{now}")
        pipe.expire(key, 24 * 3600)
        pipe.hgetall(key)
        found = pipe.execute()[-1]
    except Exception:  # Redis away: this process's count is better than none
        return mine
    total = 0
    for value in found.values():
        count, _, at = (value.decode() if isinstance(value, bytes) else value).partition(":")
        try:
            if now - float(at) <= ONLINE_TTL:
                total += int(count)
        except ValueError:
            continue
    return total


def refresh_online(app, now: float) -> None:
    """Keep this process's online counts fresh in Redis while it has connections (the
    flusher calls this every tick; it writes every ONLINE_REFRESH seconds)."""
    state = live(app)
    if now - state.online_refreshed < ONLINE_REFRESH:
        return
    state.online_refreshed = now
    sessions = {c.session_id for c in list(state.connections.values())}
    if not sessions:
        return
    with app.app_context():
        if redis_client() is None:
            return
        for session_id in sessions:
            online_total(session_id, online_participants(session_id))


def claim(what, seconds: float, extend: bool = False) -> bool:
    """With several processes, only one sends an update per interval (an emit reaches the
    clients of every process): whoever sets the Redis key first. `what`: an activity id
    (phones) or a screen key."""
    client = redis_client()
    if client is None:
        return True
    name = f"phones:{what}" if isinstance(what, int) else ":".join(map(str, what))
    key = f"{socketio.server.manager.channel}:{name}"
    try:
        if extend:
            return bool(client.pexpire(key, max(1, int(seconds * 1000))))
        return bool(client.set(key, 1, nx=True, px=max(1, int(seconds * 1000))))
    except Exception:  # Redis away: sending twice is better than not at all
        return True


def processes() -> int:
    """How many server processes listen on the message queue (subscribers of its channel)."""
    client = redis_client()
    if client is None:
        return 1
    runtime = live()
    counted, n = runtime.process_count
    if time.monotonic() - counted > 10:
        try:
            channel = socketio.server.manager.channel
            n = max(1, int(dict(client.pubsub_numsub(channel)).get(channel.encode(), 1)))
        except Exception:
            n = 1
        runtime.process_count = (time.monotonic(), n)
    return n


def others_in(room: str, sid: str) -> bool:
    """Whether anyone but `sid` may be in the room: always, when other processes share it."""
    if redis_client() is not None:
        return True
    try:
        members = socketio.server.manager.rooms.get("/", {}).get(room, {})
    except AttributeError:
        return True
    return any(member != sid for member in members)


def room_size(room: str) -> int:
    """Connections of this process in a room (phones spread evenly over the processes)."""
    try:
        return len(socketio.server.manager.rooms.get("/", {}).get(room, ()))
    except AttributeError:  # a client manager that keeps rooms elsewhere
        return 0
