"""A throwaway PostgreSQL database for one test or module: created, yielded as a URL, dropped.

The tests that need PostgreSQL for real (migrations, counters, several processes on one
database) each get a database of their own, so they can run beside each other."""

import contextlib
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

POSTGRES = os.environ.get("CAFE_TEST_POSTGRES",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def scratch_database(prefix: str):
    """Skips the test when PostgreSQL cannot be reached."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - depends on the machine
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    try:
        yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
