"""Issue 31: patches are numbered per activity, one after another, the same in every process
(Redis) and bounded in memory alone; a whole view carries the number it was built at."""

import uuid

import pytest

from cafe.live import cluster, patches
from cafe.live.runtime import live
from tests.live.test_online_total import REDIS


def test_alone_each_patch_follows_the_last_and_memory_is_bounded(app, monkeypatch):
    first = patches.current(5)
    assert patches.bump(5) == first + 1
    assert patches.bump(5) == first + 2 and patches.current(5) == first + 2
    monkeypatch.setattr(patches, "MAX_VERSIONS", 3)
    for activity in range(100, 110):
        patches.bump(activity)
    assert len(live(app).versions) == 3
    # A forgotten activity starts again from the clock: higher than before, so a client
    # holding the old number sees a gap and asks for the state, never an older number.
    assert patches.bump(5) > first + 2


def test_processes_on_redis_count_together(app, monkeypatch):
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=3)
    try:
        client.ping()
    except Exception as exc:  # depends on the machine: `make services` starts Redis
        pytest.skip(f"Redis not reachable: {exc}")
    channel = f"cafe-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(patches, "redis_client", lambda: client)
    monkeypatch.setattr(patches, "_key", lambda activity: f"{channel}:version:{activity}")
    try:
        start = patches.current(9)
        assert patches.bump(9) == start + 1
        live(app).versions.clear()  # another process: nothing in its memory
        assert patches.bump(9) == start + 2 and patches.current(9) == start + 2
    finally:
        client.delete(f"{channel}:version:9")
    assert cluster.redis_client is not None
