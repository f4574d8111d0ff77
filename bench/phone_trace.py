"""What one phone's tap -> able to post waits for, request by request, on slow 4G.

`python -m bench.phone_trace [--kind board|vote]`: the same server, data and DevTools throttling
as `python -m bench.phone_network`; one phone opens the join page, then taps "Take part" while
every request, response and WebSocket frame is printed with its time since the tap. A round
trip shows as a request and its response 562.5 ms apart: count them to see what is on the
critical path (docs/DEPLOY.md, "Phones on a slow network").
"""

import argparse
import sys
import time

from bench import kinds
from bench import phone_network as pn
from bench.server import Deployment
from tests.support.browser import CHROMIUM_ARGS, chromium_path

EVENTS = ("Network.requestWillBeSent", "Network.responseReceived", "Network.loadingFinished",
          "Network.webSocketCreated", "Network.webSocketHandshakeResponseReceived",
          "Network.webSocketFrameReceived", "Network.webSocketFrameSent")


def trace(browser, url: str, code: str, kind: str, wait_ms: int = 0) -> float:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, locale="en-GB")
    page = context.new_page()
    meter = pn.Meter(page)
    tapped = []

    def log(name, event):
        if not tapped:
            return
        message = event.get("request") or event.get("response") or {}
        address = (message.get("url") or event.get("url") or "").split("/", 3)[-1]
        frame = (event.get("response") or {}).get("payloadData") or ""
        request = event.get("requestId", "")[-6:]
        print(f"{time.perf_counter() - tapped[0]:7.3f} {name:36s} {request:>6}"
              f" /{address[:60]} {frame[:50]}")

    for name in EVENTS:
        meter.cdp.on(name, lambda event, name=name: log(name.split(".")[1], event))
    page.goto(f"{url}/j/{code}", wait_until="commit")
    pn._join_usable(page)
    page.wait_for_timeout(wait_ms)  # 0: tap at once, as the benchmark does
    tapped.append(time.perf_counter())
    page.get_by_role("button", name="Take part").click()
    page.wait_for_url(f"**/s/{code}", timeout=60_000)
    pn._ready(page, kind)
    took = time.perf_counter() - tapped[0]
    print(f"{took:7.3f} able to post")
    context.close()
    return took


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this benchmark

    parser = argparse.ArgumentParser(prog="python -m bench.phone_trace", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=sorted(pn.READY), default="board")
    parser.add_argument("--wait-ms", type=int, default=0,
                        help="wait this long on the join page before tapping (its prefetches)")
    args = parser.parse_args(argv)
    with Deployment("eventlet", 1, kinds.PLAN, phones=10) as dep, sync_playwright() as pw:
        code = dep.session["code"]
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                     args=CHROMIUM_ARGS)
        console = pn._console(dep.url, code)
        for kind in dict.fromkeys(("board", args.kind)):  # the vote's cards come from the board
            pn.open_kind(console, dep, kind, 30)
        pn.phone(browser, dep.url, code, args.kind)  # warm the server, as the benchmark does
        trace(browser, dep.url, code, args.kind, args.wait_ms)
        console.disconnect()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
