"""Scheduled rounds: with a clock the test moves, a round opens, gets its reminders and closes
on its own, once, while two real server processes share one database."""

import os
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import create_engine, text

from cafe.delphi import schedule, services
from cafe.delphi.models import OutboxMessage, Round, ScheduledAction
from cafe.extensions import db
from tests.support.postgres import scratch_database
from tests.support.server import run_seed


@contextmanager
def database(backend, tmp_path):
    """One SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    with scratch_database("cafe_delphi") as url:
        yield url


def set_clock(path, moment) -> None:
    """Atomically, so a process never reads a half-written file."""
    partial = path.with_suffix(".partial")
    partial.write_text(moment.isoformat())
    os.replace(partial, path)


def wait_until(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.server
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_round_opens_and_closes_once_across_two_processes(live_server, tmp_path, backend):
    with database(backend, tmp_path) as url:
        run_two_processes(live_server, tmp_path, url)


def run_two_processes(live_server, tmp_path, url):
    now = datetime.now(UTC).replace(microsecond=0)
    opens, remind, closes = (now - timedelta(hours=3), now - timedelta(hours=2),
                             now - timedelta(hours=1))
    clock = tmp_path / "clock"
    set_clock(clock, opens - timedelta(days=1))
    env = {"CAFE_DELPHI_CLOCK_FILE": str(clock), "CAFE_DELPHI_TICK_SECONDS": "0.1"}
    plan = [("open", opens.isoformat()), ("remind", remind.isoformat()),
            ("close", closes.isoformat())]

    def study(live):
        live.seeded = run_seed("delphi_schedule", live.instance, live.database_url, plan)

    first = live_server(database_url=url, env=env, prepare=study)
    seeded = first.seeded

    def same_instance(live):
        live.instance = first.instance

    second = live_server(plan=None, database_url=url, env=env, prepare=same_instance)
    engine = create_engine(url)

    def rows(sql):
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql)).all()]

    def done(action):
        return rows(f"SELECT status, done_by FROM delphi_schedule WHERE action = '{action}'")

    page = f"{second.url}/d/{seeded['tokens'][0]}"
    try:
        assert "Er is nu geen ronde open" in requests.get(page, timeout=10).text
        set_clock(clock, opens + timedelta(minutes=1))
        wait_until(lambda: done("open")[0][0] == "done", what="the round to open")
        assert rows("SELECT number FROM delphi_rounds") == [(1,)]
        assert 'name="rating-desirability"' in requests.get(page, timeout=10).text
        assert rows("SELECT kind, count(*) FROM delphi_outbox GROUP BY kind") == [
            ("invitation", 8)]

        set_clock(clock, remind + timedelta(minutes=1))
        wait_until(lambda: done("remind")[0][0] == "done", what="the reminders")
        assert sorted(rows("SELECT kind, count(*) FROM delphi_outbox GROUP BY kind")) == [
            ("invitation", 8), ("reminder", 8)]

        set_clock(clock, closes + timedelta(minutes=1))
        wait_until(lambda: done("close")[0][0] == "done", what="the round to close")
        assert "Er is nu geen ronde open" in requests.get(page, timeout=10).text
        assert len(rows("SELECT id FROM delphi_rounds")) == 1
        workers = {by.rsplit(":", 1)[1] for _s, by in rows(
            "SELECT status, done_by FROM delphi_schedule")}
        assert workers <= {str(first.proc.pid), str(second.proc.pid)}
        assert "Traceback" not in first.log() + second.log()
    finally:
        first.stop()
        second.stop()
        engine.dispose()


def test_due_actions_run_once_with_an_injected_clock(app, facilitator):
    study = services.create_study(facilitator, "Delphi", "nl", ["P"], [("", "Stelling")])
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    schedule.add(study, "open", start)
    schedule.add(study, "close", start + timedelta(days=14))
    db.session.commit()
    assert schedule.run_due(start - timedelta(minutes=1), "w1", "", "example.org") == []
    assert schedule.run_due(start, "w1", "", "example.org") == [("open", study.id)]
    assert schedule.run_due(start, "w2", "", "example.org") == []
    assert services.current_round(study, start + timedelta(days=1)).number == 1
    assert schedule.run_due(start + timedelta(days=15), "w2", "", "example.org") == [
        ("close", study.id)]
    assert services.current_round(study, start + timedelta(days=15)) is None
    assert db.session.scalar(db.select(db.func.count()).select_from(Round)) == 1
    assert {a.done_by for a in db.session.scalars(db.select(ScheduledAction))} == {"w1", "w2"}
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
