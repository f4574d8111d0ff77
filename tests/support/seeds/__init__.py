"""Data for the tests' server processes, written through the services in a child process (so
the test process's own app and extensions stay untouched): `python -m tests.support.seeds.NAME
DATABASE_URL [ARGS...]`, each printing what it made as one line of JSON
(tests.support.server.run_seed). The schema and the session itself come from `cafe seed`."""

import sys

from cafe import create_app


def app_for(database_url: str):
    """The app on the test server's database (threading: no eventlet in a seed)."""
    return create_app({"ASYNC_MODE": "threading", "DATABASE_URL": database_url})


def arguments() -> list[str]:
    return sys.argv[1:]
