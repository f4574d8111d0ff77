"""Percentiles, and CPU and memory of the server processes (psutil) sampled in the background."""

import contextlib
import threading
import time

import psutil

from bench.report import RESULTS


def percentile(values, p: float):
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": _r(percentile(ms, 50)),
        "p95": _r(percentile(ms, 95)),
        "p99": _r(percentile(ms, 99)),
        "max": _r(max(ms) if ms else None),
    }


def _r(value):
    return None if value is None else round(value, 1)


class ServerSampler:
    """Samples CPU (% of one core, summed over the processes) and RSS (MB, summed) of the
    server processes every `interval` seconds; `mark(name)` snapshots per phase."""

    def __init__(self, pids: list[int], interval: float = 0.5):
        self.procs = [psutil.Process(pid) for pid in pids]
        self.interval = interval
        # (t, server cpu % of one core, rss MB, whole machine cpu % of all cores)
        self.samples: list[tuple[float, float, float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._cpu_start = self._cpu_total()
        psutil.cpu_percent()  # starts the machine-wide measurement
        self._t_start = time.monotonic()

    def _cpu_total(self) -> float:
        total = 0.0
        for p in self.procs:
            try:
                times = p.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return total

    def _rss(self) -> float:
        total = 0
        for p in self.procs:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        return total / 2**20

    def start(self) -> "ServerSampler":
        self._thread.start()
        return self

    def _loop(self):
        last_cpu, last_t = self._cpu_total(), time.monotonic()
        while not self._stop.wait(self.interval):
            cpu, now = self._cpu_total(), time.monotonic()
            self.samples.append((now, 100 * (cpu - last_cpu) / max(now - last_t, 1e-6),
                                 self._rss(), psutil.cpu_percent()))
            last_cpu, last_t = cpu, now

    def window(self, start: float, end: float) -> dict:
        """CPU and memory between two monotonic times."""
        inside = [s for s in self.samples if start <= s[0] <= end] or self.samples[-1:]
        if not inside:
            return {"cpu_avg": None, "cpu_max": None, "rss_max_mb": None}
        return {
            "machine_cpu_avg": round(sum(s[3] for s in inside) / len(inside), 1),
            "cpu_avg": round(sum(s[1] for s in inside) / len(inside), 1),
            "cpu_max": round(max(s[1] for s in inside), 1),
            "rss_max_mb": round(max(s[2] for s in inside), 1),
        }

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join(2)
        elapsed = time.monotonic() - self._t_start
        return {
            "cpu_avg": round(100 * (self._cpu_total() - self._cpu_start) / max(elapsed, 1e-6), 1),
            "cpu_max": round(max((s[1] for s in self.samples), default=0), 1),
            "rss_max_mb": round(max((s[2] for s in self.samples), default=self._rss()), 1),
            "rss_end_mb": round(self._rss(), 1),
            # Other programs on the machine (and the simulated phones) share its cores.
            "machine_cpu_avg": round(sum(s[3] for s in self.samples) / max(len(self.samples), 1),
                                     1),
        }


def start_profile(pid: int, label: str):
    """py-spy on a server process for the whole run: collapsed stacks (flamegraph input)."""
    import re
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    out = RESULTS / f"profile-{re.sub(r'[^a-z0-9]+', '-', label.lower())}-{pid}.txt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "50",
                             "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, out


def stop_profile(handle) -> dict:
    import signal

    proc, out = handle
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except Exception:
            proc.kill()
    if not out.exists():
        return {"path": None, "error": "py-spy wrote nothing (ptrace not permitted?)"}
    return {"path": str(out), "top": top_frames(out)}


def top_frames(path, n: int = 15) -> list[tuple[str, float]]:
    """Share of samples in which each function appears (inclusive), highest first."""
    totals: dict[str, int] = {}
    samples = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples += int(count)
        for frame in set(stack.split(";")):
            name = frame.split(" (")[0]
            if "/cafe/" in frame or "sqlalchemy" in frame or "socketio" in frame:
                key = f"{name} ({frame.split('(')[-1].split(':')[0].split('/')[-1]})"
                totals[key] = totals.get(key, 0) + int(count)
    return [(k, round(100 * v / max(samples, 1), 1))
            for k, v in sorted(totals.items(), key=lambda kv: -kv[1])[:n]]
