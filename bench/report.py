"""The table printed at the end, the goals check, and the JSON file in bench/results/."""

import json
import os
import platform
import time
from pathlib import Path

import psutil

RESULTS = Path(__file__).resolve().parent / "results"

GOALS = {
    "all_join": "1,000 phones, one process: all join",
    "p99": "vote-to-projector p99 < 250 ms (steady rate)",
    "burst": "1,000-vote burst in <= 10 s fully shown <= 1 s after the last vote",
    "memory": "server memory < 500 MB",
    "bare": "ours ÷ bare Flask-SocketIO <= 1.5 (steady p99 and burst p99)",
}


def _get(run: dict, *path, default=None):
    value = run
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return default
        value = value[key]
    return value


def _fmt(value, unit="") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        value = f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"
    return f"{value}{unit}"


def _ratio(ours, bare) -> str:
    if ours is None or not bare:
        return "-"
    return f"{ours / bare:.2f}"


COLUMNS = [
    ("run", lambda r: r["label"]),
    ("phones", lambda r: f"{_get(r, 'phases', 'connect', 'connected', default=0)}/{r['phones']}"),
    ("join s", lambda r: _fmt(_get(r, "phases", "join", "seconds"))),
    ("join p99", lambda r: _fmt(_get(r, "phases", "join", "p99"), "ms")),
    ("conn s", lambda r: _fmt(_get(r, "phases", "connect", "seconds"))),
    ("cards p99", lambda r: _fmt(_get(r, "phases", "cards", "to_projector", "p99"), "ms")),
    ("open→phones", lambda r: _fmt(_get(r, "phases", "open_vote", "all_ms"), "ms")),
    ("vote p50", lambda r: _fmt(_get(r, "phases", "votes_steady", "to_projector", "p50"), "ms")),
    ("vote p95", lambda r: _fmt(_get(r, "phases", "votes_steady", "to_projector", "p95"), "ms")),
    ("vote p99", lambda r: _fmt(_get(r, "phases", "votes_steady", "to_projector", "p99"), "ms")),
    ("burst", lambda r: (f"{_get(r, 'phases', 'votes_burst', 'acked', default=0)}/"
                         f"{_fmt(_get(r, 'phases', 'votes_burst', 'send_seconds'), 's')}")),
    ("burst p99", lambda r: _fmt(_get(r, "phases", "votes_burst", "to_projector", "p99"), "ms")),
    ("last→final", lambda r: _fmt(_get(r, "phases", "votes_burst", "last_to_final_ms"), "ms")),
    ("phone msg/s", lambda r: _fmt(_get(r, "phases", "votes_burst", "max_per_phone_in_1s"))),
    ("tput/s", lambda r: _fmt(_get(r, "phases", "throughput", "per_s"))),
    ("cpu avg", lambda r: _fmt(_get(r, "server", "cpu_avg"), "%")),
    ("cpu max", lambda r: _fmt(_get(r, "server", "cpu_max"), "%")),
    ("rss max", lambda r: _fmt(_get(r, "server", "rss_max_mb"), "MB")),
    ("KB/phone", lambda r: _fmt(_get(r, "server", "kb_per_phone"))),
    ("ws/poll", lambda r: (f"{_get(r, 'transports', 'websocket', default=0)}/"
                           f"{_get(r, 'transports', 'polling', default=0)}"
                           if r.get("transports") else "-")),
    ("÷bare p99", lambda r: _ratio(_get(r, "phases", "votes_steady", "to_projector", "p99"),
                                   _get(r, "bare", "steady", "to_projector", "p99"))),
    ("÷bare burst", lambda r: _ratio(_get(r, "phases", "votes_burst", "to_projector", "p99"),
                                     _get(r, "bare", "burst", "to_projector", "p99"))),
    ("machine", lambda r: _fmt(_get(r, "server", "machine_cpu_avg"), "%")),
    ("errors", lambda r: str(sum(sum(v.values()) for v in r.get("errors", {}).values()))
     + (" FAILED" if r.get("failed") else "")),
]


COLUMNS_BY_NAME = dict(COLUMNS)

LEGEND = (
    "join/conn s: time for all phones; cards/vote/burst p..: input sent -> projector shows it; "
    "burst: votes acked/sending time;\nopen→phones: the vote opened -> every phone shows it; "
    "last→final: last vote of the burst -> final tally on the "
    "projector; phone msg/s: most updates one phone got in 1 s during the burst; tput/s: "
    "closed-loop votes/s;\ncpu: server processes, % of one core; rss: server memory, summed; "
    "machine: all cores busy (phones, projector and other programs share them);\n"
    "KB/phone: rss ÷ connected phones; ws/poll: what the phones ended on (browsers: polling, "
    "then the upgrade; a share stays on polling); ÷bare: ours ÷ a bare Flask-SocketIO app "
    "broadcasting a counter (bench/bare.py), same mode, phones and schedule, for the steady "
    "and the burst vote-to-projector p99."
)


def table(runs: list[dict]) -> str:
    rows = [[name for name, _ in COLUMNS]] + [[str(get(r)) for _, get in COLUMNS] for r in runs]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w)
                       in enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def goals(main: dict | None, expected: int) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for the main run (eventlet, one process)."""
    if not main:
        return []
    connected = _get(main, "phases", "connect", "connected", default=0)
    joined = _get(main, "phases", "join", "joined", default=0)
    p99 = _get(main, "phases", "votes_steady", "to_projector", "p99")
    burst = _get(main, "phases", "votes_burst", default={})
    final = burst.get("last_to_final_ms")
    rss = _get(main, "server", "rss_max_mb")
    scale = f" (run with {main['phones']} phones)" if main["phones"] != expected else ""
    rows = [
        (GOALS["all_join"], f"{joined} joined, {connected} connected{scale}",
         joined == main["phones"] == connected and main["phones"] >= expected),
        (GOALS["p99"], f"{_fmt(p99, ' ms')}", None if p99 is None else p99 < 250),
        (GOALS["burst"],
         f"{burst.get('acked', 0)} votes sent in {_fmt(burst.get('send_seconds'), ' s')}, "
         f"final tally {_fmt(final, ' ms')} after the last",
         None if not burst else (final is not None and final <= 1000
                                 and burst.get("send_seconds", 99) <= 10
                                 and burst.get("acked", 0) >= min(expected, main["phones"]))),
        (GOALS["memory"], _fmt(rss, " MB"), None if rss is None else rss < 500),
    ]
    ratios = [COLUMNS_BY_NAME[name](main) for name in ("÷bare p99", "÷bare burst")]
    known = [float(r) for r in ratios if r != "-"]
    rows.append((GOALS["bare"], " and ".join(ratios),
                 None if len(known) < 2 else max(known) <= 1.5))
    if main["phones"] < expected:  # a smaller run says nothing about the goals' size
        rows = [(goal, measured + ("" if scale in measured else scale), None)
                for goal, measured, _met in rows]
    return rows


def run_goals(runs: list[dict], expected: int) -> list[tuple[str, str, bool | str | None]]:
    """The goals of issue 20 for the other runs: a single eventlet or gevent process meets the
    main run's latency goals with the browser transport mix; two processes on PostgreSQL +
    Redis carry the burst within 1 s; every run stays within 1.5 x the bare floor."""
    rows = []
    for run in runs:
        if run.get("mode") == "threading":
            continue  # a thread per connection: a comparison, not a production set-up
        label = run["label"]
        small = run["phones"] < expected
        p99 = _get(run, "phases", "votes_steady", "to_projector", "p99")
        burst = _get(run, "phases", "votes_burst", "last_to_final_ms")
        proxied = run.get("url") == "nginx" or run.get("database") == "postgresql"
        if not proxied:
            rows.append((f"{label}: {GOALS['p99']}", _fmt(p99, " ms"),
                         None if p99 is None or small else p99 < 250))
        burst_goal = not proxied or run.get("processes") == 2
        rows.append((f"{label}: last vote of the burst -> final tally <= 1 s",
                     _fmt(burst, " ms"),
                     (None if burst is None or small else burst <= 1000)
                     if burst_goal else "info"))
        ratios = [COLUMNS_BY_NAME[name](run) for name in ("÷bare p99", "÷bare burst")]
        known = [float(r) for r in ratios if r != "-"]
        rows.append((f"{label}: {GOALS['bare']}", " and ".join(ratios),
                     None if len(known) < 2 else max(known) <= 1.5))
    return rows


def print_report(results: dict) -> None:
    print()
    print("Buurtcafé load benchmark", results["started"], "-", results["machine"]["summary"])
    print()
    print(table(results["runs"]))
    print(LEGEND)
    if results.get("goals"):
        print()
        print(f"Goals (main run: {results['runs'][0]['label']}):")
        for goal, measured, met in results["goals"]:
            mark = {True: "met   ", False: "MISSED", None: "n/a   ", "info": "info  "}[met]
            print(f"  [{mark}] {goal}: {measured}")
    if results.get("run_goals"):
        print("Goals of the other runs:")
        for goal, measured, met in results["run_goals"]:
            mark = {True: "met   ", False: "MISSED", None: "n/a   ", "info": "info  "}[met]
            print(f"  [{mark}] {goal}: {measured}")
    pages = results.get("pages") or {}
    if pages:
        print()
        weight = pages.get("first_load") or {}
        if "gzip_kb" in weight:
            mark = "met   " if weight["met"] else "MISSED"
            print(f"  [{mark}] phone page first load (gzip HTML+CSS+JS) < 100 KB: "
                  f"{weight['gzip_kb']} KB ({len(weight['files'])} files)")
        cloud = pages.get("wordcloud") or {}
        if "ms_best" in cloud:
            print(f"  [info  ] word cloud of {cloud['cards']} cards at {cloud['size']}: "
                  f"{cloud['ms_best']} ms (median {cloud['ms_median']} ms)")
        elif cloud.get("skipped"):
            print(f"  [n/a   ] word cloud: {cloud['skipped']}")
    for run in results["runs"]:
        if run.get("errors"):
            print(f"  errors in {run['label']}: {json.dumps(run['errors'])}")
        if run.get("note"):
            print(f"  note on {run['label']}: {run['note']}")


def machine() -> dict:
    cpus = psutil.cpu_count()
    mem = round(psutil.virtual_memory().total / 2**30, 1)
    return {"cpus": cpus, "memory_gb": mem, "python": platform.python_version(),
            "summary": f"{cpus} CPUs, {mem} GB, Python {platform.python_version()}"}


def write(results: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"bench-{stamp}{'-quick' if results.get('quick') else ''}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    latest = RESULTS / "latest.json"
    if latest.exists() or latest.is_symlink():
        os.unlink(latest)
    latest.write_text(path.read_text())
    return path


def main(argv=None) -> int:
    """`python -m bench.report FILE`: print a result file's table and goals again."""
    import sys

    for name in argv or sys.argv[1:]:
        results = json.loads(Path(name).read_text())
        runs = results.get("runs") or []
        if runs:
            results["goals"] = goals(runs[0], 1000)
            results["run_goals"] = run_goals(runs[1:], 1000)
        print_report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
