"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""


import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from cafe import create_app
from cafe.extensions import db
from tests.support.postgres import scratch_database


def _upgrade_and_compare(url: str):
    app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
            # Not in the models' comparison: the triggers that keep the boards' card counts
            # (board/counts.py; a migration rebuilding `cards` must make them again).
            triggers = set(connection.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                if connection.dialect.name == "sqlite"
                else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())
        db.engine.dispose()
    expected = ({"card_counts_insert", "card_counts_delete", "card_counts_update"}
                if url.startswith("sqlite") else {"card_counts_change"})
    assert expected <= triggers, triggers
    return diff


def test_sqlite_migrations_match_models(tmp_path):
    diff = _upgrade_and_compare(f"sqlite:///{tmp_path / 'm.db'}")
    assert diff == [], "models changed without a migration: run `cafe db migrate`"


def test_sqlite_uses_wal(app):
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.services
def test_postgresql_migrations_match_models():
    with scratch_database("cafe_mig") as url:
        assert _upgrade_and_compare(url) == []
