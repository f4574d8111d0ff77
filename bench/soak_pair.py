"""The soak run of `make bench` (issue 31): a usual café's wall and ten times it, at once.

`python -m bench --only-soak` (what `make bench-soak` runs) or step 9 of `python -m bench`:
two `python -m bench.soak` runs side by side, each its own server, port and SQLite database,
`--cards 300` and `--cards 3000`, 30 minutes by default (`--soak-minutes`), a probe about every
2 s (at random moments: 150 probes in a 5-minute window, so its p95 is the 8th slowest, not the
3rd of 60 as with a probe every 5 s, which one stray probe moved by half).
Both meet the same machine at the same time, so their CPU per event can be compared. Judged
against the issue's goals:

- ack p95 of the probe phone in the last 5 minutes <= 1.5x the first 5 minutes, both volumes;
- RSS slope after warm-up < 5 MB per 10 minutes at the usual volume;
- exactly-once: every acknowledged card stored once, every withdrawn one gone, every ballot as
  last acknowledged;
- server CPU per event does not grow with the wall: the median of the board minutes and of the
  vote minutes at 3,000 cards within 1.10x of the same at 300 cards (two runs of one volume
  differ by about 5 %, docs/DEPLOY.md).
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOLUMES = (300, 3000)
GOALS = {"p95_ratio": 1.5, "rss_slope_mb_per_10_min": 5.0, "cpu_ratio": 1.10}


def run(minutes: float, extra: list[str] | None = None) -> dict:
    """Both volumes at once; returns each run's result and the goals row."""
    # Two-minute phases as in a café; one-minute phases in a short trial run (under 8 minutes),
    # so it sees both (CPU is reported by minute: a phase must fill one).
    phase = 120 if minutes >= 8 else 60
    procs = {cards: subprocess.Popen(
        [sys.executable, "-m", "bench.soak", "--cards", str(cards), "--probe-every", "2",
         "--minutes", str(minutes), "--phase", str(phase), *(extra or [])],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for cards in VOLUMES}
    results: dict = {"minutes": minutes, "goals": GOALS, "volumes": {}}
    for cards, proc in procs.items():
        output, _ = proc.communicate()
        written = [line.split(":", 1)[1].strip() for line in output.splitlines()
                   if line.startswith("written:")]
        if proc.returncode or not written:
            results["volumes"][str(cards)] = {"error": output[-2000:]}
            continue
        results["volumes"][str(cards)] = summary(Path(written[-1]))
    results["met"] = judge(results["volumes"])
    return results


def write(results: dict) -> Path:
    """A soak run alone (`--only-soak`): its own result file beside the two runs' files."""
    path = ROOT / "bench" / "results" / f"soak-pair-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2))
    return path


def cpu_median(result: dict, phase: str) -> float | None:
    values = [m["cpu_ms_per_event"] for m in result["cpu_by_minute"] if m["phase"] == phase]
    return round(statistics.median(values), 1) if values else None


def summary(path: Path) -> dict:
    result = json.loads(path.read_text())
    p95 = result["probe_ack_p95_ms"]
    once = result["exactly_once"]
    return {
        "file": str(path.relative_to(ROOT)), "seconds": result["seconds"],
        "cards": f"{result.get('cards_at_start')} -> {once['cards_at_end']}",
        "events": result["counts"]["events"], "unanswered": result["counts"]["unanswered"],
        "p95_first_ms": p95["first"], "p95_last_ms": p95["last"],
        "p95_ratio": round(p95["last"] / p95["first"], 2) if p95["first"] else None,
        "probes": result.get("probe_ack_ms"),  # each window's n, p50, p90, p95, p99, max
        "rss_slope_mb_per_10_min": result["rss_mb"]["slope_per_10_min"],
        "rss_room_empty_mb": result["rss_mb"]["room_empty"],
        "exactly_once": not (once["cards_missing"] or once["cards_twice"]
                             or once["withdrawn_still_there"] or once["ballots_wrong"]),
        "same_after_sleep": result["counts"]["other_participant_after_sleep"] == 0,
        "cpu_board_ms": cpu_median(result, "board"), "cpu_vote_ms": cpu_median(result, "vote"),
    }


def judge(volumes: dict) -> dict:
    small, large = (volumes.get(str(cards), {}) for cards in VOLUMES)
    if "error" in small or "error" in large or not small or not large:
        return {"all": False}
    met = {
        "p95": all(v["p95_ratio"] is not None and v["p95_ratio"] <= GOALS["p95_ratio"]
                   for v in (small, large)),
        "rss": small["rss_slope_mb_per_10_min"] < GOALS["rss_slope_mb_per_10_min"],
        "exactly_once": small["exactly_once"] and large["exactly_once"],
    }
    for phase in ("board", "vote"):
        if not (large[f"cpu_{phase}_ms"] and small[f"cpu_{phase}_ms"]):
            met[f"cpu_{phase}"] = False  # no minute of that phase: nothing to compare
            continue
        ratio = large[f"cpu_{phase}_ms"] / small[f"cpu_{phase}_ms"]
        met[f"cpu_{phase}_ratio"] = round(ratio, 2)
        met[f"cpu_{phase}"] = ratio <= GOALS["cpu_ratio"]
    met["all"] = all(v for k, v in met.items() if not k.endswith("_ratio"))
    return met


def print_report(results: dict) -> None:
    print(f"Soak: 200 phones churning, 6 events/s, {results['minutes']} minutes, both volumes "
          "at once (goals: p95 last/first <= 1.5, RSS slope < 5 MB/10 min at 300 cards, "
          "exactly-once, CPU per event at 3,000 cards <= 1.10x of 300)")
    print("  cards | events | unanswered | p95 first -> last ms (ratio) | RSS slope MB/10 min"
          " | exactly-once | CPU/event board / vote ms")
    for cards, row in results["volumes"].items():
        if "error" in row:
            print(f"  {cards} | failed: {row['error'][-300:]}")
            continue
        print(f"  {row['cards']} | {row['events']} | {row['unanswered']} | {row['p95_first_ms']}"
              f" -> {row['p95_last_ms']} ({row['p95_ratio']}) | {row['rss_slope_mb_per_10_min']}"
              f" | {'yes' if row['exactly_once'] else 'NO'} | {row['cpu_board_ms']} / "
              f"{row['cpu_vote_ms']}")
        for window, spread in (row.get("probes") or {}).items():
            if spread:
                print(f"      probes, {window} window: n {spread['n']}, p50 {spread['p50']}, "
                      f"p90 {spread['p90']}, p95 {spread['p95']}, p99 {spread['p99']}, "
                      f"max {spread['max']} ms")
    met = results["met"]
    if "cpu_board_ratio" in met or "cpu_vote_ratio" in met:
        print(f"  CPU per event, 3,000 / 300 cards: board x{met.get('cpu_board_ratio')}, vote "
              f"x{met.get('cpu_vote_ratio')}")
    print(f"  goals met: {'yes' if met.get('all') else 'NO'} {met}")
