"""One unit of work for every HTTP console action, as the event pipeline has for Socket.IO.

    @bp.post("/console/sessions/<int:session_id>/thing")
    @login_required
    @console_action("run")
    def thing(session):
        unit().publish(services.do_thing(session))
        return redirect(...)

1. the session is resolved for the logged-in user (`permissions.session_for`: 404 without a
   role, 403 when the role does not allow the action) and handed to the view instead of its id;
2. the view validates and calls services, which only `flush()`;
3. unless the view refused (`unit().refuse(...)`, an exception, or a 4xx/5xx answer), the line
   of the session's action log is added and everything is committed once, together;
4. only then is what changed published (`unit().publish(changes)`) and what must follow a
   commit run (`unit().after_commit(fn)`: ending sockets, forgetting deleted rows).

Routes that act on no session (a neighbourhood, a Delphi study, the library, accounts) use
`console_action(None)`: the same unit without the session and its log line.
"""

from collections.abc import Callable
from functools import wraps

from flask import flash, g, request
from flask_login import current_user
from sqlalchemy import inspect

from cafe.core import Changes
from cafe.extensions import db
from cafe.live.broadcast import publish
from cafe.team import log
from cafe.team.permissions import session_for

READS = ("GET", "HEAD", "OPTIONS")


class Unit:
    def __init__(self, session):
        self.session = session
        self.refused = False
        self._changes: list[Changes] = []
        self._after: list[Callable[[], None]] = []

    def publish(self, changes: Changes | None) -> None:
        """Broadcast these changes once the unit is committed (never before)."""
        if changes is not None:
            self._changes.append(changes)

    def after_commit(self, fn: Callable[[], None]) -> None:
        self._after.append(fn)

    def refuse(self, message=None) -> None:
        """Nothing of this action is kept (or logged); the message, if any, is flashed."""
        db.session.rollback()
        self.refused = True
        if message is not None:
            flash(str(message), "error")

    def _logged(self) -> bool:
        if self.session is None or request.method in READS:
            return False
        state = inspect(self.session)
        return not (state.deleted or state.was_deleted or state.detached)

    def finish(self, status: int) -> None:
        if self.refused or status >= 400:
            db.session.rollback()
            return
        if self._logged() and current_user.is_authenticated:
            target = {k: v for k, v in (request.view_args or {}).items() if k != "session_id"}
            log.record(self.session.id, current_user.id, request.endpoint or "?", target,
                       current_user.username)
        db.session.commit()
        for changes in self._changes:
            publish(changes)
        for fn in self._after:
            fn()


def unit() -> Unit:
    """The unit of the console action being served."""
    return g.console_unit


def console_action(permission: str | None = "run"):
    """Make a console route one unit of work; `permission` is the action of
    `cafe.team.permissions.ACTIONS` its session asks (None: no session)."""

    def decorate(view):
        @wraps(view)
        def run(*args, **kwargs):
            session = None
            if permission is not None:
                session = session_for(kwargs.pop("session_id"), permission)
                kwargs["session"] = session
            work = g.console_unit = Unit(session)
            try:
                response = view(*args, **kwargs)
            except BaseException:
                db.session.rollback()
                raise
            finally:
                g.pop("console_unit", None)
            work.finish(_status(response))
            return response

        run.console_permission = permission
        return run

    return decorate


def _status(response) -> int:
    if isinstance(response, tuple) and len(response) > 1 and isinstance(response[1], int):
        return response[1]
    return getattr(response, "status_code", 200)
