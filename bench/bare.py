"""The floor: a bare Flask-SocketIO app whose one handler broadcasts a counter to everyone.

`python -m bench.bare --port P --async-mode M` serves it the way `cafe.server` serves ours
(same async library, same `socketio.run`); `measure()` drives it with the same phones, the same
transport mix and the same vote schedule as a Run, so "ours ÷ bare" is what Buurtcafé adds on
top of Flask-SocketIO itself. Phone 0 stands in for the projector: a vote counts as shown when
phone 0 receives a counter at least as high.

For the runs with several processes the floor is deployed the same way: as many bare processes
behind the same nginx set-up, on the Redis message queue, counting in Redis (INCR: the least a
counter shared by processes costs), so the ratio is what our app adds, not what the proxy and
the queue add.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.metrics import summary_ms
from bench.phones import Fleet
from bench.server import REDIS_URL, ROOT, Nginx, free_port, wait_http


def serve(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bare")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", default="eventlet")
    parser.add_argument("--message-queue", default=None)
    parser.add_argument("--channel", default="bench-bare")
    args = parser.parse_args(argv)
    from cafe.server import _patch

    _patch(args.async_mode)
    from flask import Flask
    from flask_socketio import SocketIO

    app = Flask("bare")
    socketio = SocketIO(app, async_mode=args.async_mode, message_queue=args.message_queue,
                        channel=args.channel)
    counter = {"n": 0}
    shared = None
    if args.message_queue:
        import redis

        shared = redis.Redis.from_url(args.message_queue)

    @app.get("/healthz")
    def healthz():
        return "ok"

    @socketio.on("vote")
    def vote(_data=None):
        if shared is not None:
            count = int(shared.incr(f"{args.channel}:count"))
        else:
            counter["n"] += 1
            count = counter["n"]
        socketio.emit("count", {"count": count})
        return {"ok": True, "count": count}

    socketio.run(app, host="127.0.0.1", port=args.port, log_output=False,
                 allow_unsafe_werkzeug=True)
    return 0


def _schedule(phones: list[int], start: float, seconds: float) -> list:
    step = seconds / max(len(phones), 1)
    return [(p, start + i * step, {}) for i, p in enumerate(phones)]


def _shown(fleet: Fleet, rows: list, since: float, base: int) -> tuple[list[float], float]:
    from bench.scenario import shown_latencies

    sent = [r[1] for r in rows if r[2] is not None and not r[3]]
    deadline = time.monotonic() + 30
    while True:
        counts = fleet.gather("counts", since=since)
        if max((c for _t, c in counts), default=0) >= base + len(sent) or \
                time.monotonic() > deadline:
            break
        time.sleep(0.1)
    seen = [(t, "activity", 0, c, 0) for t, c in counts]
    return shown_latencies(sent, seen, 0, base)


def _start(mode: str, processes: int, proxy: bool, phones: int, workdir: Path):
    """The bare processes (and nginx in front of them, with the Redis queue, as ours runs)."""
    extra = []
    if proxy or processes > 1:
        import redis

        channel = f"bench-bare-{uuid.uuid4().hex[:8]}"
        redis.Redis.from_url(REDIS_URL).delete(f"{channel}:count")
        extra = ["--message-queue", REDIS_URL, "--channel", channel]
    ports = [free_port() for _ in range(processes)]
    procs = [subprocess.Popen([sys.executable, "-m", "bench.bare", "--port", str(port),
                               "--async-mode", mode, *extra], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for port in ports]
    for port in ports:
        wait_http(f"http://127.0.0.1:{port}/healthz", 40)
    nginx = None
    url = f"http://127.0.0.1:{ports[0]}"
    if proxy:
        nginx = Nginx(workdir, [f"127.0.0.1:{port}" for port in ports], phones).start()
        url = nginx.url
    return procs, nginx, url


def measure(mode: str, phones: int, workers: int, polling_share: float, steady_rate: float,
            steady_seconds: float, burst_seconds: float, processes: int = 1,
            proxy: bool = False, **_ignored) -> dict:
    """Steady votes and a burst against the bare app; the same numbers as a Run's phases."""
    import psutil

    workdir = Path(tempfile.mkdtemp(prefix="cafe-bare-"))
    result: dict = {"mode": mode, "phones": phones, "processes": processes,
                    "proxy": bool(proxy)}
    procs, nginx, fleet = [], None, None
    try:
        procs, nginx, url = _start(mode, processes, proxy, phones, workdir)
        fleet = Fleet(url, "", phones, workers, spread_ips=True, polling_share=polling_share)
        rows = fleet.gather("bare_connect", concurrency=16)
        connected = [r[0] for r in rows if r[1] is not None]
        result["connected"] = len(connected)
        time.sleep(1.0)
        everyone = list(range(phones))
        steady_n = min(phones // 3, int(steady_rate * steady_seconds))
        base = 0
        for name, chosen, seconds in (("steady", everyone[:steady_n], steady_seconds),
                                      ("burst", everyone, burst_seconds)):
            since = time.monotonic()
            rows = fleet.call("vote", _schedule(chosen, since + 0.5, seconds))
            latencies, last = _shown(fleet, rows, since, base)
            last_sent = max(r[1] for r in rows)
            acked = sum(1 for r in rows if r[2] is not None and not r[3])
            result[name] = {"acked": acked, "to_projector": summary_ms(latencies),
                            "last_to_final_ms": None if last is None
                            else round((last - last_sent) * 1000, 1)}
            base += acked
            time.sleep(1.5)
        result["transports"] = fleet.transports()
        rss = sum(psutil.Process(proc.pid).memory_info().rss for proc in procs)
        result["rss_mb"] = round(rss / 2**20, 1)
        result["kb_per_phone"] = round(rss / 1024 / max(len(connected), 1), 1)
    except Exception as err:
        result["failed"] = f"{type(err).__name__}: {err}"
    finally:
        if fleet is not None:
            fleet.close()
        if nginx is not None:
            nginx.stop()
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    return result


if __name__ == "__main__":
    sys.exit(serve())
