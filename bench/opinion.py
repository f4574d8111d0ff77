"""`python -m bench.opinion`: the opinion analysis (cafe.domain.opinion.analyse) on its own.

Rooms of people × statements with 30% of the votes missing and three planted groups; prints
the wall and CPU time of one analysis (the median of a few), which the statements activity runs
in a real thread at most every OPINION_INTERVAL seconds, and the groups found.
"""

import argparse
import json
import platform
import random
import statistics
import time
from pathlib import Path

from cafe.domain import opinion

CASES = [(60, 20), (200, 30), (1000, 30), (1000, 100)]
RESULTS = Path(__file__).parent / "results"


def room(people: int, statements: int, seed: int = 1) -> list[tuple]:
    rng = random.Random(seed)
    leaning = [[rng.choice((-1, 1)) for _ in range(statements)] for _ in range(3)]
    votes = []
    for who in range(people):
        group = who % 3
        for s in range(statements):
            if rng.random() < 0.3:
                continue
            value = leaning[group][s] if rng.random() > 0.1 else -leaning[group][s]
            votes.append((who, s, value))
    return votes


def run(repeats: int) -> list[dict]:
    out = []
    for people, statements in CASES:
        votes = room(people, statements)
        wall, cpu = [], []
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = opinion.analyse(votes)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        out.append({"people": people, "statements": statements, "votes": len(votes),
                    "ms": round(1000 * statistics.median(wall), 1),
                    "cpu_ms": round(1000 * statistics.median(cpu), 1),
                    "groups": [g["size"] for g in result["groups"]]})
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench.opinion")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    rows = run(args.repeats)
    for row in rows:
        print(f"{row['people']:>5} people × {row['statements']:>3} statements "
              f"({row['votes']} votes): {row['ms']} ms (CPU {row['cpu_ms']} ms), "
              f"groups {row['groups']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "opinion.json").write_text(json.dumps(
        {"machine": platform.platform(), "cases": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
