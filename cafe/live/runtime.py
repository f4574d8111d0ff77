"""The live layer's state in one process, bound to its app: `app.extensions["cafe_live"]`.

Connections, the coalescing queues of the flusher, the counters the collector and the cluster
keep, which background tasks run, and what the features plugged into the pipeline (guards,
recorders, the view builder, who a connection is). One object per app (tests create many apps,
each with its own state), made by `create_app` before the features' `init_app` and reached with
`live()` inside an app or request context. Tests drive it directly
(`live(app).screen_interval = 0.1`) instead of patching module globals.

The live layer carries messages and knows no feature: the features register here.
- `identify(sid, auth) -> Connection`: who connects (raises ConnectionRefusedError); sessions.
- `views`: builds what clients see, a `ViewBuilder`; sessions.
- `guards`: `guard(conn, event, payload, sender)` before a handler runs, may raise a Refusal
  (`conn` is who the event acts as, `sender` the connection that sent it); team (who may do
  what) and security (the throttle).
- `recorders`: `record(sender, event, payload)` after the handler, in its transaction: the
  action log (team).
- `acting_for(sender, participant_id) -> Connection`: a console entering input on behalf of an
  assisted participant; participants.
- `tasks`: `start(app)` of background tasks that run where the app serves (Delphi's loop).
"""

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from flask import Flask, current_app

if TYPE_CHECKING:
    from cafe.live.connections import Connection

KEY = "cafe_live"


class ViewBuilder(Protocol):
    """What the clients see, built from the database (sessions registers one). `load` gives an
    activity object with `id` and `session_id`, handed back to the other methods."""

    def state(self, conn: "Connection") -> dict: ...  # everything, at (re)connect

    def header(self, session_id: int) -> dict | None: ...  # the session, as committed now

    def current(self, session_id: int) -> int | None: ...  # the activity shown

    def load(self, activity_id: int, session_id: int | None = None,
             fresh: bool = False) -> Any | None: ...

    def activity(self, activity: Any, audience: str) -> dict: ...

    def tally(self, activity: Any, audience: str) -> dict | None: ...

    # Whether the screens get the view again when only its tally changed (False: the
    # activity's kind publishes what changed later, e.g. the opinion map after its analysis)
    def tally_shown(self, activity_id: int, session_id: int) -> bool: ...

    # A few items changed alone: their patch for a screen (cafe.live.patches); None: whole view
    def patch(self, activity: Any, audience: str, ids: set[int]) -> dict | None: ...

    def private(self, activity: Any, participant_id: int) -> dict: ...

    def participants(self, session_id: int, audience: str) -> dict: ...


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
    # activity -> the items whose patch the screens still need (None: the whole view)
    pending_items: dict[int, set[int] | None] = field(default_factory=dict)
    # screen key -> failed flushes in a row: it is tried again later and later (at most a minute)
    screen_failures: dict[tuple[str, int], int] = field(default_factory=dict)
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
    # What the features registered (see the module's docstring).
    identify: Callable | None = None
    views: ViewBuilder | None = None
    guards: list[Callable] = field(default_factory=list)
    recorders: list[Callable] = field(default_factory=list)
    acting_for: Callable | None = None
    tasks: list[Callable] = field(default_factory=list)
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

    def add_guard(self, guard: Callable) -> None:
        if guard not in self.guards:
            self.guards.append(guard)

    def add_recorder(self, recorder: Callable) -> None:
        if recorder not in self.recorders:
            self.recorders.append(recorder)

    def add_task(self, start: Callable) -> None:
        if start not in self.tasks:
            self.tasks.append(start)


def init_app(app: Flask) -> LiveRuntime:
    runtime = LiveRuntime()
    app.extensions[KEY] = runtime
    return runtime


def live(app: Flask | None = None) -> LiveRuntime:
    return (app or current_app).extensions[KEY]
