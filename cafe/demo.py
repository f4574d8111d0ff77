"""The demo session `cafe demo` (and so `make run`) starts with."""

import hashlib

from flask import current_app
from sqlalchemy import select

from cafe.activities import registry
from cafe.auth.models import Facilitator
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from cafe.web.urls import lan_address

DEMO_USER = "demo"


def _demo_password() -> str:
    """Stable across runs, so the printed password keeps working after a restart."""
    return hashlib.sha256(current_app.config["SECRET_KEY"].encode() + b"demo").hexdigest()[:12]


def create_demo(plan_name: str, host: str, port: int) -> dict:
    password = _demo_password()
    user = db.session.scalar(select(Facilitator).where(Facilitator.username == DEMO_USER))
    if user is None:
        # The demo's facilitator is the installation's first admin: it can invite others.
        user = create_facilitator(DEMO_USER, password, "nl", is_admin=True)
    plans = available_plans()
    if plan_name not in plans:
        raise SystemExit(f"Unknown plan {plan_name!r}; available: {', '.join(plans)}")
    plan = load_plan(plans[plan_name], registry.all_kinds())
    session = create_session(user, plan.title, plan.language, plan)
    db.session.commit()

    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{local}:{port}"
    phone_host = (lan_address() or local) if host in ("0.0.0.0", "::") else local
    return {
        "title": session.title,
        "code": session.code,
        "username": DEMO_USER,
        "password": password,
        "console": f"{base}/login?next=/console/sessions/{session.id}",
        "projector": f"{base}/p/{session.code}?key={session.projector_key}",
        "join": f"http://{phone_host}:{port}/j/{session.code}",
    }
