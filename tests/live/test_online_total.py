"""Issue 31: with several processes on one Redis, the projector's online count is the total of
all of them; the count of a process that stopped refreshing it drops out."""

import os
import time
import uuid

import pytest

from cafe.live import cluster
from cafe.live.runtime import live

REDIS = os.environ.get("CAFE_TEST_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_queue(app, monkeypatch):
    """The app as if on a message queue: a real Redis, a private channel."""
    import redis

    client = redis.Redis.from_url(REDIS, socket_connect_timeout=3)
    try:
        client.ping()
    except Exception as exc:  # depends on the machine: `make services` starts Redis
        pytest.skip(f"Redis not reachable: {exc}")
    channel = f"cafe-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(cluster, "redis_client", lambda: client)
    monkeypatch.setattr(cluster, "_channel", lambda: channel)
    yield client
    for key in client.scan_iter(f"{channel}:*"):
        client.delete(key)


def test_the_online_count_adds_up_the_processes(app, redis_queue, monkeypatch):
    runtime = live(app)
    runtime.ident = "process-a"
    assert cluster.online_total(7, 3) == 3
    runtime.ident = "process-b"
    assert cluster.online_total(7, 2) == 5  # B's own 2 and A's 3
    assert cluster.online_total(8, 1) == 1  # another session counts apart
    runtime.ident = "process-a"
    assert cluster.online_total(7, 0) == 2  # A's phones left
    # B stops refreshing (it died): after ONLINE_TTL its count no longer counts.
    later = time.time() + cluster.ONLINE_TTL + 1
    monkeypatch.setattr(cluster.time, "time", lambda: later)
    assert cluster.online_total(7, 4) == 4


def test_alone_the_count_is_the_process_own(app):
    with app.app_context():
        assert cluster.redis_client() is None
        assert cluster.online_total(7, 3) == 3
