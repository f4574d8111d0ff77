"""Percentiles, and CPU and memory of the server processes (psutil) sampled in the background."""

import contextlib
import threading
import time

import psutil


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
        self.samples: list[tuple[float, float, float]] = []  # (t, cpu %, rss MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._cpu_start = self._cpu_total()
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
                                 self._rss()))
            last_cpu, last_t = cpu, now

    def window(self, start: float, end: float) -> dict:
        """CPU and memory between two monotonic times."""
        inside = [s for s in self.samples if start <= s[0] <= end] or self.samples[-1:]
        if not inside:
            return {"cpu_avg": None, "cpu_max": None, "rss_max_mb": None}
        return {
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
        }
