"""The Delphi loop, started with the server: scheduled actions, then the outbox."""

import logging
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from cafe.delphi import outbox, schedule
from cafe.extensions import db
from cafe.models import utcnow

log = logging.getLogger(__name__)


def clock(config: dict):
    """Now, or the moment written in DELPHI_CLOCK_FILE (so a test or a drill can move time
    for several processes at once)."""
    path = config.get("DELPHI_CLOCK_FILE")
    if not path:
        return utcnow

    def read() -> datetime:
        moment = datetime.fromisoformat(Path(path).read_text().strip())
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)

    return read


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def tick(app, worker: str, sleep=None) -> None:
    now = clock(app.config)()
    base = (app.config.get("PUBLIC_URL") or "").rstrip("/")
    schedule.run_due(now, worker, base, outbox._domain(app.config))
    outbox.deliver_due(app.config, worker, now=now, sleep=sleep)


def start(app, socketio) -> None:
    interval = app.config.get("DELPHI_TICK_SECONDS") or 0
    if not interval:
        return
    worker = worker_name()

    def loop():
        while True:
            with app.app_context():
                try:
                    tick(app, worker, sleep=socketio.sleep)
                except Exception:  # the loop must outlive a bad row or a database hiccup
                    log.exception("delphi loop")
                    db.session.rollback()
                finally:
                    db.session.remove()
            socketio.sleep(interval)

    socketio.start_background_task(loop)
