"""A phone on slow 4G: bytes and time from scanning the QR code to being able to post.

`python -m bench.phone_network` (also part of `make bench`). Debian's Chromium, driven by
Playwright, throttled as Lighthouse's DevTools throttling does for "slow 4G": 562.5 ms a
request, 1.47 Mbit/s down, 675 kbit/s up, CPU 4x slower. For the board and for the dot vote
(30 cards to vote on), in a fresh browser profile (cold) and again with its cache (warm):

- join page usable: from opening the join link until its "Take part" button can be pressed
  (painted, and the page's load event has fired), on the browser's own clock (Navigation and
  Paint Timing, from the navigation's start), as Lighthouse reads it from Chromium's trace:
  Playwright's own calls into a page running at a quarter of the CPU's speed add 30-100 ms
  that no phone waits for (kept in the result as `join_usable_*_wall_s`);
- tap -> able to post: from tapping "Take part" until the activity's first control works and
  the live connection is up;
- bytes: everything that crossed the network (HTTP with headers, WebSocket frames) from the
  scan to able-to-post (cold), and on a re-scan by a phone that already joined (warm).

Each kind is measured `--repeat` times (default 5, each with a fresh browser profile) after one
visit that warms the server; the table shows the median of the runs, the result file every run.
"""

import argparse
import json
import os
import statistics
import sys
import time

import requests
import socketio

from bench import kinds
from bench.server import Deployment, login
from tests.support.browser import CHROMIUM_ARGS, chromium_path

# Lighthouse's "mobileSlow4G" with DevTools (request-level) throttling.
LATENCY_MS = 562.5
DOWN_BPS = 1474.56 * 1024 / 8
UP_BPS = 675 * 1024 / 8
CPU_SLOWDOWN = 4

GOALS = {"join_usable_cold_s": 1.5, "join_usable_warm_s": 0.8, "tap_to_post_cold_s": 3.0,
         "bytes_cold_kb": 60, "bytes_rescan_kb": 10}

# What "able to post" means per kind: its first control is there and enabled.
READY = {"board": "textarea.board-text", "vote": "button.vote-plus"}


class Meter:
    """Bytes over the network of one page, from Chromium's own accounting (CDP)."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.bytes = 0
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.requestWillBeSent", self._redirected)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)
        self.cdp.on("Network.webSocketFrameSent", self._frame)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWN_BPS,
            "uploadThroughput": UP_BPS})
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})

    def _finished(self, event):
        self.bytes += int(event.get("encodedDataLength") or 0)

    def _redirected(self, event):
        # A redirect's response never finishes loading: its bytes come with the next request.
        self.bytes += int((event.get("redirectResponse") or {}).get("encodedDataLength") or 0)

    def _frame(self, event):
        self.bytes += len((event.get("response") or {}).get("payloadData") or "")

    def take(self) -> int:
        taken, self.bytes = self.bytes, 0
        return taken


def _ready(page, kind: str) -> None:
    page.wait_for_function(
        """([selector]) => {
             const el = document.querySelector(selector);
             const conn = document.getElementById("conn-status");
             return el && !el.disabled && el.offsetParent !== null &&
                    (!conn || conn.dataset.state === "connected");
           }""", arg=[READY[kind]], timeout=60_000, polling=50)


# When the page became usable on the browser's clock: its first contentful paint (the whole
# form comes in one response, so the button is in it) and its load event, whichever is later.
USABLE_S = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return Math.max(nav.loadEventEnd, paint.startTime) / 1000;
}"""


def _join_usable(page) -> float:
    page.get_by_role("button", name="Take part").wait_for(state="visible", timeout=60_000)
    page.wait_for_load_state("load")
    # Paint Timing reports the paint a frame later than it shows: wait for the entry.
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0",
        timeout=60_000, polling=50)
    return page.evaluate(USABLE_S)


def phone(browser, url: str, code: str, kind: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, locale="en-GB")
    page = context.new_page()
    meter = Meter(page)
    join_url = f"{url}/j/{code}"
    t0 = time.perf_counter()
    page.goto(join_url, wait_until="commit")
    join_cold = _join_usable(page)
    join_cold_wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    page.get_by_role("button", name="Take part").click()
    page.wait_for_url(f"**/s/{code}", timeout=60_000)
    _ready(page, kind)
    tap_cold = time.perf_counter() - t1
    bytes_cold = meter.take()
    page.wait_for_timeout(500)  # let the last frames of the first load settle, then re-scan
    meter.take()
    t2 = time.perf_counter()
    page.goto(join_url, wait_until="commit")  # the cookie sends a joined phone to its page
    page.wait_for_url(f"**/s/{code}", timeout=60_000)
    _ready(page, kind)
    rescan = time.perf_counter() - t2
    bytes_rescan = meter.take()
    context.clear_cookies()
    t3 = time.perf_counter()
    page.goto(join_url, wait_until="commit")
    join_warm = _join_usable(page)
    join_warm_wall = time.perf_counter() - t3
    context.close()
    return {"join_usable_cold_s": round(join_cold, 2), "join_usable_warm_s": round(join_warm, 2),
            "join_usable_cold_wall_s": round(join_cold_wall, 2),
            "join_usable_warm_wall_s": round(join_warm_wall, 2),
            "tap_to_post_cold_s": round(tap_cold, 2), "rescan_to_post_s": round(rescan, 2),
            "bytes_cold_kb": round(bytes_cold / 1024, 1),
            "bytes_rescan_kb": round(bytes_rescan / 1024, 1)}


def _console(url: str, code: str):
    client = socketio.Client(reconnection=False)
    cookies = login(url)
    client.connect(url, auth={"session": code, "view": "console"},
                   headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                   wait_timeout=10)
    return client


def _fill_board(url: str, code: str, board: dict, cards: int) -> None:
    """`cards` cards from residents (ten each: a board limits what one phone posts)."""
    for first in range(0, cards, 10):
        token = requests.post(f"{url}/api/v1/join/{code}", json={"name": "", "language": "nl"},
                              timeout=10).json()["token"]
        client = socketio.Client(reconnection=False)
        client.connect(url, auth={"session": code, "view": "phone", "token": token},
                       wait_timeout=10)
        for n in range(first, min(first + 10, cards)):
            ack = client.call("card:add", kinds.card_payload(board, n, str(n)), timeout=10)
            if not ack.get("ok"):
                raise RuntimeError(f"card refused: {ack}")
        client.disconnect()


def open_kind(console, dep, kind: str, cards: int) -> None:
    """The console opens the plan's activity of `kind`; a board gets `cards` cards."""
    activity = kinds.find(dep.session, kind)
    ack = console.call("activity:open", {"cid": kinds.cid("open", activity["id"]),
                                         "activity": activity["id"]}, timeout=10)
    if not ack.get("ok"):
        raise RuntimeError(f"could not open the {kind}: {ack}")
    if kind == "board":
        _fill_board(dep.url, dep.session["code"], activity, cards)


def median_row(runs: list[dict]) -> dict:
    return {key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]}


def measure(mode: str = "eventlet", cards: int = 30, repeat: int = 5) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this benchmark

    results: dict = {"throttling": {"latency_ms": LATENCY_MS, "down_kbps": 1474.56,
                                    "up_kbps": 675, "cpu_slowdown": CPU_SLOWDOWN},
                     "goals": GOALS, "kinds": {}, "repeat": repeat, "runs": {},
                     # The times depend on what else the machine runs: say so with the result.
                     "load_before": [round(x, 2) for x in os.getloadavg()], "nice": os.nice(0)}
    with Deployment(mode, 1, kinds.PLAN, phones=10) as dep, sync_playwright() as pw:
        code = dep.session["code"]
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                     args=CHROMIUM_ARGS)
        console = _console(dep.url, code)
        for kind in ("board", "vote"):
            open_kind(console, dep, kind, cards)
            phone(browser, dep.url, code, kind)  # warm the server (templates, first queries)
            runs = [phone(browser, dep.url, code, kind) for _ in range(repeat)]
            results["runs"][kind] = runs
            results["kinds"][kind] = median_row(runs)
        console.disconnect()
        browser.close()
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    for row in results["kinds"].values():
        row["met"] = all(row[key] <= goal for key, goal in GOALS.items())
    return results


def print_report(results: dict) -> None:
    print("Phones on slow 4G (DevTools throttling: 562.5 ms a request, 1.47 Mbit/s, CPU x4)"
          f", median of {results.get('repeat', 1)} runs"
          f"; load {results.get('load_before')} -> {results.get('load_after')},"
          f" nice {results.get('nice')}")
    header = ("kind", *GOALS, "rescan_to_post_s", "join warm (wall)", "met")
    print("  " + " | ".join(header))
    print("  goal | " + " | ".join(f"<= {g}" for g in GOALS.values()) + " | | |")
    for kind, row in results["kinds"].items():
        cells = [kind, *(str(row[k]) for k in GOALS), str(row["rescan_to_post_s"]),
                 str(row.get("join_usable_warm_wall_s")), "yes" if row["met"] else "NO"]
        print("  " + " | ".join(cells))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phone_network", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", default="eventlet")
    parser.add_argument("--json", help="also write the result to this file")
    parser.add_argument("--repeat", type=int, default=5, help="runs per kind (median shown)")
    args = parser.parse_args(argv)
    results = measure(args.mode, repeat=args.repeat)
    print_report(results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
