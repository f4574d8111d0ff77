"""`cafe seed`: a database ready for a session in one step, for a person trying the product out
and for the tests' server processes. It brings the schema up to date by migration, creates the
facilitators that do not exist yet (an existing account keeps its password) and one session from
a plan, run by the first facilitator."""

from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import select

from cafe.activities import registry
from cafe.auth.models import Facilitator
from cafe.auth.services import AccountError, create_facilitator
from cafe.extensions import db
from cafe.sessions.plans import PlanError, available_plans, load_plan
from cafe.sessions.services import create_session


class SeedError(Exception):
    """What the person asked for cannot be seeded; the message says why."""


def parse_account(text: str) -> tuple[str, str]:
    """`name:password` (the password may hold colons itself)."""
    name, colon, password = text.partition(":")
    if not colon or not name or not password:
        raise SeedError(f"{text!r}: write a facilitator as NAME:PASSWORD.")
    return name, password


def plan_path(plan: str) -> Path:
    """A plan by its name in sessions/, or the path of a plan file."""
    plans = available_plans()
    if plan in plans:
        return plans[plan]
    path = Path(plan)
    if path.suffix == ".toml" and path.is_file():
        return path
    raise SeedError(f"Unknown plan {plan!r}; available: {', '.join(plans)} (or a .toml file).")


def seed(plan: str, accounts: list[tuple[str, str]], language: str | None = None) -> dict:
    """Migrate, make the accounts and a session from `plan`; what a script needs to use it.
    `language`: the session's and new accounts' language (default: the plan's)."""
    if not accounts:
        raise SeedError("Name at least one facilitator: the first one runs the session.")
    try:
        parsed = load_plan(plan_path(plan), registry.all_kinds())
    except PlanError as exc:
        raise SeedError(str(exc)) from None
    language = language or parsed.language
    upgrade()
    users = []
    for name, password in accounts:
        user = db.session.scalar(select(Facilitator).where(Facilitator.username == name))
        if user is None:
            try:
                user = create_facilitator(name, password, language)
            except AccountError as exc:
                raise SeedError(str(exc)) from None
        users.append(user)
    session = create_session(users[0], parsed.title, language, parsed)
    db.session.commit()
    return {
        "id": session.id,
        "code": session.code,
        "key": session.projector_key,
        "title": session.title,
        "activities": [a.id for a in session.activities],
        "facilitators": [u.username for u in users],
        "console": f"/console/sessions/{session.id}",
        "projector": f"/p/{session.code}?key={session.projector_key}",
        "join": f"/j/{session.code}",
    }
