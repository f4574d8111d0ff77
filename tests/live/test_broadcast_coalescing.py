"""Coalescing of screen and phone updates on the real server (cafe.live.broadcast), with a
hand-driven clock instead of waiting."""

import pytest
from sqlalchemy.exc import OperationalError

from cafe.live import broadcast, flusher
from cafe.live.runtime import LiveRuntime


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(broadcast.time, "monotonic", clock)
    return clock


@pytest.fixture
def state(app):
    """The app's own live state, as the flusher sets it up on the real server."""
    runtime = app.extensions["cafe_live"]
    assert isinstance(runtime, LiveRuntime)
    runtime.screen_interval = 0.1
    return runtime


def test_a_burst_sends_the_first_change_at_once_and_the_rest_once_at_the_end(clock, state):
    key = ("activity", 7)
    sent_now = [not broadcast._defer(key, state)]
    for _ in range(99):  # 99 more votes within the same 50 ms
        clock.now += 0.0005
        sent_now.append(not broadcast._defer(key, state))
    assert sent_now.count(True) == 1 and sent_now[0]
    assert flusher.due_screens(clock.now, state) == []  # the interval has not ended yet
    clock.now += 0.1
    assert flusher.due_screens(clock.now, state) == [key]  # one update with the newest state
    assert flusher.due_screens(clock.now, state) == []


def test_a_quiet_screen_gets_each_change_at_once(clock, state):
    key = ("participants", 3)
    for _ in range(3):
        assert not broadcast._defer(key, state)
        clock.now += 0.5


def test_screens_of_different_activities_do_not_hold_each_other_up(clock, state):
    assert not broadcast._defer(("activity", 1), state)
    assert not broadcast._defer(("activity", 2), state)


def test_without_the_flusher_every_change_is_sent(clock, state):
    state.screen_interval = 0.0
    assert not any(broadcast._defer(("activity", 1), state) for _ in range(5))


def test_under_load_a_change_after_the_interval_sends_even_if_the_flusher_is_late(clock, state):
    key = ("activity", 9)
    assert not broadcast._defer(key, state)
    clock.now += 0.01
    assert broadcast._defer(key, state)  # waits for the flusher...
    clock.now += 0.2  # ...which a busy server wakes late
    assert not broadcast._defer(key, state)  # the next vote sends the newest state itself
    assert flusher.due_screens(clock.now, state) == []  # and nothing is sent twice


def test_a_screen_update_whose_flush_fails_goes_out_at_a_later_flush(app, clock, state,
                                                                    monkeypatch):
    """The projector's new map waits for the flusher; the database is busy for a moment as
    the flusher builds it. The map still reaches the projector, without another change."""
    key = ("activity", 11)
    assert not broadcast._defer(key, state)
    clock.now += 0.01
    assert broadcast._defer(key, state)  # the new map waits for the flusher
    sent, failures = [], [OperationalError("SELECT", {}, Exception("database is locked"))]

    def flush(due):
        if failures:
            raise failures.pop()
        sent.append(due)

    monkeypatch.setattr(flusher, "_flush_screen", flush)
    with app.app_context():
        clock.now += 0.1
        flusher.flush_screens(flusher.due_screens(clock.now, state), state)
        assert sent == []
        for _ in range(5):  # the following ticks of the flusher
            clock.now += 0.05
            flusher.flush_screens(flusher.due_screens(clock.now, state), state)
    assert sent == [key]
