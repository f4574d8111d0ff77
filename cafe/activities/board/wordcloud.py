"""The board's word cloud: rendered off the event loop, at most every few seconds, cached.

A render takes a few hundred milliseconds of CPU. Under eventlet or gevent that would freeze
every connection of the process, so it runs in a real OS thread (eventlet's tpool, gevent's
thread pool), as Flask-SocketIO's author advises for CPU-bound work. Images are cached by
activity and by a hash of the texts, in memory and in the instance folder (shared by the
processes of one machine), so a projector reloading, or a second projector, costs nothing.
"""

import hashlib
import importlib.util
import io
import threading
import time
from collections import OrderedDict
from pathlib import Path

from flask import current_app
from stop_words import get_stop_words

from cafe.caches import caches
from cafe.domain.words import frequencies, stopword_set
from cafe.live.offload import offload

WIDTH, HEIGHT = 1280, 720
# Part of the hash: a change in how clouds look invalidates cached images.
RENDER_VERSION = "1"
_MEMORY_SLOTS = 32
# Images on disk hold participants' words: those of boards quiet for a day are removed.
DISK_TTL = 24 * 3600
# Dark colours that stay readable on white from the back of the room (no information by colour).
PALETTE = ("#0b5e55", "#1f4fbf", "#7a2e8e", "#9a3b00", "#1b1b1f", "#2e6b1f")


class TooSoon(Exception):
    """A render for this activity ran moments ago; the newest image follows shortly."""

    def __init__(self, retry_after: float):
        super().__init__(retry_after)
        self.retry_after = retry_after


_stopwords: frozenset[str] | None = None


def stopwords() -> frozenset[str]:
    """Dutch, French and English stop words together: a room in Brussels mixes them."""
    global _stopwords
    if _stopwords is None:
        _stopwords = stopword_set(
            get_stop_words("dutch"), get_stop_words("french"), get_stop_words("english"),
            _wordcloud_stopwords(),
        )
    return _stopwords


def _wordcloud_stopwords() -> list[str]:
    """The wordcloud package's English list, read from its file: importing the package would
    pull in matplotlib on the event loop just to build a view."""
    spec = importlib.util.find_spec("wordcloud")
    if spec is None or spec.origin is None:
        return []
    try:
        return (Path(spec.origin).parent / "stopwords").read_text().split()
    except OSError:
        return []


def word_counts(texts: list[str]) -> dict[str, int]:
    return frequencies(texts, stopwords())


def top_words(texts: list[str], n: int = 10) -> list[str]:
    """The most used words, for the image's text alternative."""
    counts = word_counts(texts)
    return sorted(counts, key=lambda w: (-counts[w], w))[:n]


def version(texts: list[str]) -> str:
    digest = hashlib.sha256(RENDER_VERSION.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode("utf-8", "replace"))
    return digest.hexdigest()[:20]


def _font_path() -> str | None:
    """DejaVu Sans as shipped with matplotlib: full Latin accents, and Arabic letters."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    return str(path) if path.exists() else None


def _colour(word, font_size, position, orientation, random_state=None, **_kwargs):
    return PALETTE[sum(map(ord, word)) % len(PALETTE)]


def _blank(width: int, height: int) -> bytes:
    from PIL import Image  # noqa: PLC0415 - 0.1 s to import; only an empty cloud needs it directly

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def render(texts: list[str], width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG word cloud of these texts. CPU-bound: call it through `offload` on a server."""
    from wordcloud import WordCloud  # noqa: PLC0415 - brings matplotlib: 2.5 s, paid by the first cloud only

    counts = word_counts(texts)
    if not counts:
        return _blank(width, height)
    # The layout is computed at half size and drawn at full size: about twice as fast, and
    # at projector distance the placement is just as good.
    scale = 2 if width >= 400 and height >= 200 else 1
    cloud = WordCloud(
        width=width // scale, height=height // scale, scale=scale,
        background_color="white", color_func=_colour, font_path=_font_path(),
        max_words=120, min_font_size=8, prefer_horizontal=0.9, relative_scaling=0.5,
        margin=4, random_state=7, collocations=False,
    )
    cloud.generate_from_frequencies(counts)
    image = cloud.to_image()
    if image.size != (width, height):  # odd sizes lose a pixel to the halving
        image = image.resize((width, height))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class Cache:
    """Rendered clouds by (activity, version): a few in memory, the newest per activity on disk."""

    def __init__(self):
        self._memory: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._last_render: dict[int, float] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()
        # At most two renders at once per process, whatever the number of sessions.
        self._slots = threading.BoundedSemaphore(2)

    def _dir(self) -> Path:
        return Path(current_app.instance_path) / "wordclouds"

    def get(self, activity_id: int, digest: str) -> bytes | None:
        key = (activity_id, digest)
        with self._guard:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        path = self._dir() / f"{activity_id}-{digest}.png"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        self._remember(key, data)
        return data

    def _remember(self, key, data: bytes) -> None:
        with self._guard:
            self._memory[key] = data
            self._memory.move_to_end(key)
            while len(self._memory) > _MEMORY_SLOTS:
                self._memory.popitem(last=False)

    def put(self, activity_id: int, digest: str, data: bytes) -> None:
        self._remember((activity_id, digest), data)
        folder = self._dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Older clouds of this board may hold words of withdrawn cards: only the newest stays.
            for old in folder.glob(f"{activity_id}-*.png"):
                old.unlink(missing_ok=True)
            cutoff = time.time() - DISK_TTL
            for old in folder.glob("*.png"):
                if old.stat().st_mtime < cutoff:
                    old.unlink(missing_ok=True)
            tmp = folder / f".{activity_id}-{digest}.tmp"
            tmp.write_bytes(data)
            tmp.replace(folder / f"{activity_id}-{digest}.png")
        except OSError:
            current_app.logger.warning("could not store word cloud %s", activity_id)

    def forget(self, activity_id: int) -> None:
        """Drop this board's images (its session was deleted, or a test starts afresh)."""
        with self._guard:
            for key in [k for k in self._memory if k[0] == activity_id]:
                del self._memory[key]
            self._last_render.pop(activity_id, None)
        for old in self._dir().glob(f"{activity_id}-*.png"):
            old.unlink(missing_ok=True)

    def _lock(self, activity_id: int) -> threading.Lock:
        with self._guard:
            if len(self._locks) > _MEMORY_SLOTS * 100:  # bounded: boards long quiet let go
                for key in [k for k, lock in self._locks.items() if not lock.locked()]:
                    del self._locks[key]
            return self._locks.setdefault(activity_id, threading.Lock())

    def image(self, activity_id: int, texts: list[str]) -> tuple[str, bytes]:
        """The cloud of these texts: cached, or rendered now unless this activity's last
        render is less than WORDCLOUD_INTERVAL seconds old (then TooSoon)."""
        digest = version(texts)
        cached = self.get(activity_id, digest)
        if cached is not None:
            return digest, cached
        with self._lock(activity_id):
            cached = self.get(activity_id, digest)  # a concurrent request may have made it
            if cached is not None:
                return digest, cached
            interval = float(current_app.config["WORDCLOUD_INTERVAL"])
            since = time.monotonic() - self._last_render.get(activity_id, -1e9)
            if since < interval:
                raise TooSoon(interval - since)
            now = time.monotonic()
            if len(self._last_render) > _MEMORY_SLOTS * 100:  # bounded: only recent ones matter
                self._last_render = {k: t for k, t in self._last_render.items()
                                     if now - t < interval}
            self._last_render[activity_id] = now
            with self._slots:
                data = offload(render, list(texts))
            self.put(activity_id, digest, data)
            return digest, data



def cache(app=None) -> Cache:
    """This app's cloud cache (cafe.caches: process state belongs to the app)."""
    return caches(app).one("board.wordcloud", Cache)
