"""Issue 28 item 4: the hand-over between OS threads and the event loop never hangs the room.

Each case runs in a fresh process patched as cafe.server patches it, under eventlet and under
gevent: work offloaded to an OS thread logs while the loop logs (eventlet/eventlet#432: the
server hung with "Cannot switch to a different thread"), asks which thread it runs in while the
loop lists threads (threadpoolctl does, inside every opinion analysis: the same hang), and three
offloaded jobs take a lock a library made after patching. A hang shows as the process missing
its deadline."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("offload_probe.py")
ROOT = PROBE.parents[2]


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
@pytest.mark.parametrize("case", ["logging", "registry", "library_lock"])
def test_offloaded_work_never_hangs_the_loop(mode, case):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    for _ in range(2):  # without the fix eventlet hung in every run, gevent in most
        try:
            done = subprocess.run([sys.executable, str(PROBE), mode, case], env=env,
                                  capture_output=True, text=True, timeout=40)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{mode}/{case}: the process hung")
        assert done.stdout.strip() == "ok", done.stderr[-2000:]
