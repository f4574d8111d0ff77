"""Two goals of other issues, measured here: the phone page's first-load weight and the time
to render a word cloud of 200 cards at 1280x720."""

import gzip
import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import requests

from bench import kinds
from bench.server import Deployment

GOAL_FIRST_LOAD_KB = 100


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "use" and (attrs.get("href") or "").split("#")[0]:
            self.urls.append(attrs["href"].split("#")[0])  # the icon sprite, fetched once


def first_load(url: str, code: str) -> dict:
    """gzip (level 6, as nginx's default-ish setting) of the phone page and the same-origin
    CSS, JS and SVG icon sprite it references, summed."""
    http = requests.Session()
    r = http.post(f"{url}/api/v1/join/{code}", json={"name": "Weight", "language": "en"},
                  timeout=10)
    token = r.json()["token"]
    http.cookies.set(f"cafe_p_{code}", token)
    page = http.get(f"{url}/s/{code}", timeout=10)
    page.raise_for_status()
    parser = _Assets()
    parser.feed(page.text)
    files = [("page", len(page.content), len(gzip.compress(page.content, 6)))]
    host = urlparse(url).netloc
    for ref in dict.fromkeys(parser.urls):
        full = urljoin(page.url, ref)
        if urlparse(full).netloc != host:
            continue
        body = http.get(full, timeout=10).content
        files.append((re.sub(r"\?.*", "", urlparse(full).path), len(body),
                      len(gzip.compress(body, 6))))
    gz = sum(f[2] for f in files)
    return {
        "raw_bytes": sum(f[1] for f in files),
        "gzip_bytes": gz,
        "gzip_kb": round(gz / 1024, 1),
        "goal_kb": GOAL_FIRST_LOAD_KB,
        "met": gz / 1024 < GOAL_FIRST_LOAD_KB,
        "files": [{"path": f[0], "raw": f[1], "gzip": f[2]} for f in files],
    }


def wordcloud_render(cards: int = 200, width: int = 1280, height: int = 720) -> dict:
    """Time the board's word cloud renderer on 200 realistic card texts (after a warm-up)."""
    try:
        from cafe.activities.board import wordcloud
    except ImportError as err:
        return {"skipped": f"cafe/activities/board/wordcloud.py not available ({err})"}
    texts = [kinds.card_payload({"id": 0}, i)["text"] for i in range(cards)]
    render = getattr(wordcloud, "render", None)
    if render is None:
        return {"skipped": "wordcloud.render not found"}
    try:
        render(texts[:20], width=width, height=height)  # warm-up: fonts, stop words
        timings = []
        for _ in range(3):
            t0 = time.perf_counter()
            out = render(texts, width=width, height=height)
            timings.append(time.perf_counter() - t0)
    except TypeError as err:
        return {"skipped": f"wordcloud.render signature not understood: {err}"}
    return {"cards": cards, "size": f"{width}x{height}", "ms_best": round(min(timings) * 1000),
            "ms_median": round(sorted(timings)[1] * 1000),
            "output_bytes": len(out) if isinstance(out, (bytes, str)) else None}


def measure() -> dict:
    with Deployment("eventlet", 1, kinds.plan(), phones=1) as dep:
        weight = first_load(dep.url, dep.session["code"])
    return {"first_load": weight, "wordcloud": wordcloud_render()}
