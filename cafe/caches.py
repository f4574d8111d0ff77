"""Per-app caches: named, bounded, and gone with the app (`app.extensions["cafe_caches"]`).

Process state belongs to the app, not to module globals: tests create many apps (each with its
own database), and a module-level dict shared them all, keyed by database URL to tell them
apart. Every cache here has a size limit (memory stays bounded however long the server runs).

`caches().get(name, size)` gives one cache, a dict-like `BoundedCache` that forgets its least
recently used entry beyond `size`. No lock: under eventlet or gevent a lock would be a green
one, and some users read and write from a real OS thread (work offloaded from the event loop);
each single dict operation is atomic under the GIL, and a lost race costs a recomputation.
`caches().one(name, make)` keeps one object per app (e.g. a cache with its own locks).
"""

from collections.abc import Callable, Hashable
from typing import Any

from flask import Flask, current_app

KEY = "cafe_caches"
_MISSING = object()


class BoundedCache:
    def __init__(self, size: int):
        self.size = max(1, int(size))
        self._data: dict = {}

    def get(self, key: Hashable, default=None):
        value = self._data.pop(key, _MISSING)
        if value is _MISSING:
            return default
        self._data[key] = value  # most recently used last
        return value

    def __setitem__(self, key: Hashable, value) -> None:
        self._data.pop(key, None)
        self._data[key] = value
        while len(self._data) > self.size:
            try:
                del self._data[next(iter(self._data))]
            except (KeyError, RuntimeError, StopIteration):  # another thread got there first
                break

    def __getitem__(self, key: Hashable):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def pop(self, key: Hashable, default=None):
        return self._data.pop(key, default)

    def clear(self) -> None:
        self._data.clear()


class Caches:
    def __init__(self):
        self._named: dict[str, Any] = {}

    def get(self, name: str, size: int = 256) -> BoundedCache:
        cache = self._named.get(name)
        if cache is None:
            cache = self._named.setdefault(name, BoundedCache(size))
        return cache

    def one(self, name: str, make: Callable[[], Any]) -> Any:
        """One object of this app made by `make` (bounded by the object itself)."""
        found = self._named.get(name)
        if found is None:
            found = self._named.setdefault(name, make())
        return found


def init_app(app: Flask) -> Caches:
    made = Caches()
    app.extensions[KEY] = made
    return made


def caches(app: Flask | None = None) -> Caches:
    return (app or current_app).extensions[KEY]
