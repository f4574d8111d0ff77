"""Read a py-spy collapsed-stack profile (bench --profile): `python -m bench.profile FILE`.

Prints the share of samples in which each function of the application (cafe/) or the
libraries it leans on appears, highest first: where the server's time went.
"""

import re
import sys
from collections import Counter

INTERESTING = ("cafe/", "socketio/", "engineio/", "sqlalchemy/orm/session.py", "psycopg/")


def inclusive(path: str) -> tuple[int, Counter]:
    shares: Counter = Counter()
    total = 0
    with open(path, errors="replace") as fh:
        for line in fh:
            stack, _, count = line.rstrip().rpartition(" ")
            if not count.isdigit():
                continue
            total += int(count)
            for name in {re.sub(r":\d+\)$", ")", frame) for frame in stack.split(";")}:
                shares[name] += int(count)
    return total, shares


def main(argv=None) -> int:
    for path in argv or sys.argv[1:]:
        total, shares = inclusive(path)
        print(f"== {path}: {total} samples")
        shown = 0
        for name, count in shares.most_common():
            if any(part in name for part in INTERESTING):
                print(f"{100 * count / max(total, 1):5.1f}%  {name[:120]}")
                shown += 1
                if shown == 40:
                    break
    return 0


if __name__ == "__main__":
    sys.exit(main())
