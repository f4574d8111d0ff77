"""`cafe backup FILE` and `cafe restore FILE`: a consistent copy of the database while the
server runs, and that copy back into an empty installation.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies the whole file in one step,
inside one read transaction, so the copy is the database as it was at one moment; in WAL mode
the server's writes go on meanwhile. PostgreSQL: `pg_dump` does the same (run when it is
installed, explained otherwise). A restore checks that the target holds nothing and that the
copy's schema version (its alembic revision) is one this code knows: an older one is upgraded
after the copy, an unknown (newer) one is refused.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from cafe.extensions import db


def _sqlite_path(url) -> Path | None:
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def _revision_of(path: Path) -> str | None:
    """The alembic revision written in a SQLite file, None when it has none (or is not one)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())


def _pg_command(url, tool: str, *args: str) -> list[str]:
    # libpq takes the URL without SQLAlchemy's driver suffix (postgresql+psycopg://).
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return [tool, "--dbname", plain, *args]


def backup_sqlite(source: Path, target: Path) -> str | None:
    """Copy `source` to `target` in one step of the online backup API; returns the copy's
    schema revision. The copy is written beside the target and renamed, so a half-written
    file never carries the target's name."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # pages=-1: everything in one step, one consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise click.ClickException("The copy failed its integrity check; nothing was kept.")
    finally:
        dst.close()
        src.close()
    partial.replace(target)
    return _revision_of(target)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path):
    """Copy the database to TARGET, consistent even while the server runs."""
    if target.exists():
        raise click.ClickException(f"{target} exists already: choose a new file name.")
    url = make_url(current_app.config["DATABASE_URL"])
    source = _sqlite_path(url)
    if source is not None:
        if not source.exists():
            raise click.ClickException(f"There is no database at {source}.")
        revision = backup_sqlite(source, target)
        click.echo(f"Backed up {source} to {target} (schema version {revision}).")
        return
    if url.get_backend_name() != "postgresql":
        raise click.ClickException(f"No backup method for {url.get_backend_name()}.")
    if shutil.which("pg_dump") is None:
        raise click.ClickException(
            "pg_dump is not installed here. Back up PostgreSQL with: pg_dump --format=custom "
            f"--file {target} --dbname postgresql://USER@HOST/DATABASE (see docs/DEPLOY.md).")
    subprocess.run(_pg_command(url, "pg_dump", "--format=custom", "--file", str(target)),
                   check=True)
    click.echo(f"Backed up the PostgreSQL database to {target} (pg_dump, custom format).")


def _holds_data() -> list[str]:
    """Tables of this installation that have rows (alembic's own table aside)."""
    names = set(inspect(db.engine).get_table_names())
    return [table.name for table in db.metadata.sorted_tables if table.name in names
            and db.session.scalar(select(func.count()).select_from(table))]


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path):
    """Fill this (empty) installation with a copy made by `cafe backup`. Stop the server
    first."""
    full = _holds_data()
    db.session.remove()
    if full:
        raise click.ClickException(
            "This installation is not empty (rows in " + ", ".join(full[:5]) + "): restore "
            "only into a new, empty database, so nothing here is overwritten.")
    url = make_url(current_app.config["DATABASE_URL"])
    target = _sqlite_path(url)
    if target is None:
        raise click.ClickException(
            "Restore a PostgreSQL backup with: pg_restore --no-owner --dbname "
            f"postgresql://USER@HOST/DATABASE {source} into an empty database, then run "
            "`cafe db upgrade` (see docs/DEPLOY.md).")
    revision = _revision_of(source)
    scripts = _scripts()
    head = scripts.get_current_head()
    if revision is None:
        raise click.ClickException(f"{source} is not a Buurtcafé backup (no schema version).")
    try:
        known = scripts.get_revision(revision) is not None
    except Exception:  # alembic raises its own errors for an unknown id
        known = False
    if not known:
        raise click.ClickException(
            f"{source} has schema version {revision}, which this version of Buurtcafé does "
            f"not know (it expects {head}): it was made by a newer version. Restore it with "
            "that version.")
    db.engine.dispose()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")
    finally:
        dst.close()
        src.close()
    if revision != head:
        upgrade()
        click.echo(f"Restored {source} (schema version {revision}, upgraded to {head}).")
    else:
        click.echo(f"Restored {source} (schema version {revision}).")


def init_cli(cli) -> None:
    cli.add_command(backup_command)
    cli.add_command(restore_command)
