"""The `cafe` command: serve, demo, seed, facilitator accounts and (from Flask-Migrate) db."""

import json
import os
import secrets
import subprocess
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade as upgrade_database
from sqlalchemy import select

from cafe import seed
from cafe.app import create_app
from cafe.auth.models import Facilitator
from cafe.auth.services import AccountError, change_password, create_facilitator
from cafe.backup import init_cli as init_backup_cli
from cafe.demo import create_demo
from cafe.extensions import db
from cafe.security.retention import purge as purge_expired

SERVER_MODES = ("eventlet", "gevent", "threading")


def _create_app():
    # The CLI itself never serves sockets; threading avoids importing eventlet here.
    return create_app({"ASYNC_MODE": "threading"})


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def cli():
    """Buurtcafé: run participatory sessions, World Cafés and Delphi rounds."""


def _serve_env(database_url, async_mode):
    env = dict(os.environ)
    if database_url:
        env["CAFE_DATABASE_URL"] = database_url
    env["CAFE_ASYNC_MODE"] = async_mode
    return env


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--database-url", envvar="CAFE_DATABASE_URL", default=None)
@click.option("--async-mode", type=click.Choice(SERVER_MODES),
              default=lambda: os.environ.get("CAFE_ASYNC_MODE", "eventlet"),
              show_default="eventlet")
@click.option("--upgrade/--no-upgrade", default=True, help="Bring the database up to date first.")
def serve(host, port, database_url, async_mode, upgrade):
    """Start the server (eventlet by default)."""
    env = _serve_env(database_url, async_mode)
    if upgrade:
        _upgrade_in_subprocess(env)
    # A fresh interpreter, so eventlet or gevent can patch before anything else is imported.
    args = [sys.executable, "-m", "cafe.server", "--host", host, "--port", str(port),
            "--async-mode", async_mode]
    os.execve(sys.executable, args, env)


def _upgrade_in_subprocess(env):
    subprocess.run([sys.executable, "-m", "cafe.cli", "db", "upgrade"], env=env, check=True,
                   stdout=subprocess.DEVNULL)


@cli.command()
@click.option("--plan", default="kickoff-buurtanalyse", show_default=True,
              help="A plan file name from sessions/.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--serve/--no-serve", "and_serve", default=False,
              help="Start the server after creating the demo session.")
@click.option("--async-mode", type=click.Choice(SERVER_MODES), default="eventlet")
@with_appcontext
def demo(plan, host, port, and_serve, async_mode):
    """Create a demo facilitator and session from a plan; print the URLs."""
    upgrade_database()
    info = create_demo(plan, host, port)
    click.echo("")
    click.echo("Buurtcafé demo session ready: " + info["title"])
    click.echo(f"  Facilitator console: {info['console']}")
    click.echo(f"     log in as {info['username']!r} with password {info['password']!r}")
    click.echo(f"  Projector:           {info['projector']}")
    click.echo(f"  Join (phones):       {info['join']}   code {info['code']}")
    click.echo("")
    if and_serve:
        env = _serve_env(current_app.config["DATABASE_URL"], async_mode)
        args = [sys.executable, "-m", "cafe.server", "--host", host, "--port", str(port),
                "--async-mode", async_mode]
        sys.stdout.flush()
        os.execve(sys.executable, args, env)


@cli.command("seed")
@click.option("--plan", default="kickoff-buurtanalyse", show_default=True,
              help="A plan name from sessions/ or the path of a plan file.")
@click.option("--facilitator", "accounts", multiple=True, required=True,
              metavar="NAME:PASSWORD",
              help="Repeatable. Created unless it exists; the first one runs the session.")
@click.option("--language", type=click.Choice(["nl", "fr", "en"]), default=None,
              help="The session's and new accounts' language (default: the plan's).")
@with_appcontext
def seed_command(plan, accounts, language):
    """Migrate the database, add facilitators and a session from a plan; print it as JSON."""
    try:
        made = seed.seed(plan, [seed.parse_account(a) for a in accounts], language)
    except seed.SeedError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(made, ensure_ascii=False))


@cli.group()
def facilitator():
    """Facilitator accounts."""


@facilitator.command("add")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--language", type=click.Choice(["nl", "fr", "en"]), default="nl")
@click.option("--admin", is_flag=True,
              help="May invite other facilitators from the web (Facilitator accounts).")
@with_appcontext
def facilitator_add(username, password, language, admin):
    """Create a facilitator account (the password is stored hashed)."""
    try:
        create_facilitator(username, password, language, is_admin=admin)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'Admin' if admin else 'Facilitator'} {username!r} created.")


@facilitator.command("password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def facilitator_password(username, password):
    """Set a new password; every login of this facilitator ends."""
    user = db.session.scalar(select(Facilitator).where(Facilitator.username == username))
    if user is None:
        raise click.ClickException(f"No facilitator named {username!r}.")
    try:
        change_password(user, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"New password for {username!r}; every earlier login has ended.")


@cli.command()
@click.option("--dry-run", is_flag=True,
              help="Only list the sessions and Delphi studies that would be deleted.")
@with_appcontext
def purge(dry_run):
    """Delete every session and Delphi study whose retention period is over, with all its
    data and the findings copied from it into a neighbourhood analysis."""
    codes = purge_expired(dry_run=dry_run)
    verb = "Would delete" if dry_run else "Deleted"
    listed = (": " + ", ".join(codes)) if codes else "."
    click.echo(f"{verb} {len(codes)} expired session(s) and Delphi stud(y/ies){listed}")


# `cafe backup` and `cafe restore` live in cafe/backup.py.
init_backup_cli(cli)


def main():
    cli.main(prog_name="cafe")


def generate_password() -> str:
    return secrets.token_urlsafe(9)


if __name__ == "__main__":
    main()
