"""The live layer's state in one process, bound to its app: `app.extensions["cafe_live"]`.

Connections, the coalescing queues of the flusher, the counters the collector and the cluster
keep, and which background tasks run. One object per app (tests create many apps, each with its
own state), made by `cafe.live.init_app` and reached with `live()` inside an app or request
context. Tests drive it directly (`live(app).screen_interval = 0.1`) instead of patching module
globals.
"""

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from cafe.live.connections import Connection

KEY = "cafe_live"


@dataclass
class LiveRuntime:
    # sid -> who is behind that Socket.IO connection of this process
    connections: dict[str, "Connection"] = field(default_factory=dict)
    # (session id, activity id) -> whether the whole view must go out (else only its tally)
    pending_phone: dict[tuple[int, int], bool] = field(default_factory=dict)
    urgent_phone: set[int] = field(default_factory=set)  # activities whose phones skip the budget
    next_phone: dict[int, float] = field(default_factory=dict)  # activity -> next phone update
    phone_budget: float = 0.0  # bytes per second; 0: no budget
    # What the screens still need: ("activity", activity id) or ("participants", session id).
    pending_screen: set[tuple[str, int]] = field(default_factory=set)
    last_screen: dict[tuple[str, int], float] = field(default_factory=dict)
    screen_interval: float = 0.0  # set when the flusher starts; 0: send every change at once
    follower_interval: float = 0.0  # the same for a vote redrawn because its board changed
    versions: dict[int, int] = field(default_factory=dict)  # activity -> patch version (patches)
    versions_floor: int = 0  # the highest version of an activity forgotten since
    last_event: float = 0.0  # when a client event was last handled (the collector waits for quiet)
    process_count: tuple[float, int] = (0.0, 1)  # (when counted, processes on the message queue)
    started: set[str] = field(default_factory=set)  # background tasks running: "tasks", ...
    # This process among those on one message queue (its online count, cafe.live.cluster).
    ident: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    online_refreshed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start_once(self, task: str) -> bool:
        """True for the first caller only: that one starts the task."""
        with self.lock:
            if task in self.started:
                return False
            self.started.add(task)
            return True

    def busy(self) -> None:
        self.last_event = time.monotonic()


def init_app(app: Flask) -> LiveRuntime:
    runtime = LiveRuntime()
    app.extensions[KEY] = runtime
    return runtime


def live(app: Flask | None = None) -> LiveRuntime:
    return (app or current_app).extensions[KEY]
