"""The serving process lets its event loop take the GIL back sooner from heavy work in an OS
thread (cafe.live.offload.share_the_gil); a test or command-line app leaves Python alone."""

import sys
from types import SimpleNamespace

import pytest

from cafe.live.offload import share_the_gil


@pytest.fixture
def restored():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_an_async_server_switches_every_half_millisecond(restored, mode):
    sys.setswitchinterval(0.005)
    share_the_gil(SimpleNamespace(config={"ASYNC_MODE": mode, "GIL_SWITCH_INTERVAL_MS": 0.5}))
    assert sys.getswitchinterval() == pytest.approx(0.0005)


@pytest.mark.parametrize("config", [{"ASYNC_MODE": "threading", "GIL_SWITCH_INTERVAL_MS": 0.5},
                                    {"ASYNC_MODE": "eventlet", "GIL_SWITCH_INTERVAL_MS": 0}])
def test_threads_or_a_zero_setting_leave_python_alone(restored, config):
    sys.setswitchinterval(0.005)
    share_the_gil(SimpleNamespace(config=config))
    assert sys.getswitchinterval() == pytest.approx(0.005)
