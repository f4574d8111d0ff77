"""The live pipeline carries; features plug in on the app's LiveRuntime (guards, recorders)."""

from sqlalchemy import func, select

from cafe.core import Refusal
from cafe.extensions import db
from cafe.live.idempotency import ProcessedEvent
from cafe.live.runtime import live
from cafe.team.models import ConsoleAction
from tests.support.factories import cid


def _stored(actor_cid: str) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.cid == actor_cid))


def test_the_features_register_their_guards_and_recorder_in_order(app):
    runtime = live(app)
    names = [f"{g.__module__}.{g.__name__}" for g in runtime.guards]
    assert names == ["cafe.team.permissions.authorise_event", "cafe.security.throttle.guard"]
    assert [f"{r.__module__}.{r.__name__}" for r in runtime.recorders] == [
        "cafe.team.log.record_event"]
    assert runtime.views is not None and runtime.identify is not None
    assert runtime.acting_for is not None and runtime.tasks


def test_a_guard_refuses_before_the_handler_and_nothing_is_stored(app, sio, join, cafe_session):
    seen = []

    def closed_for_the_test(conn, event, payload, sender):
        seen.append((event, conn.view, sender.view))
        raise Refusal("paused", "Not now.")

    live(app).add_guard(closed_for_the_test)
    phone = sio(cafe_session.code, token=join(cafe_session.code))
    ack = phone.emit("me:recap", {"cid": cid(1)}, callback=True)
    assert ack == {"ok": False, "error": "paused", "message": "Not now."}
    assert seen == [("me:recap", "phone", "phone")]
    assert _stored(cid(1)) == 0


def test_the_recorder_writes_the_action_log_line_in_the_events_commit(
        app, sio, cafe_session, client, login):
    console = sio(cafe_session.code, view="console", flask_client=login(client))
    first = cafe_session.activities[0].id
    assert console.emit("activity:open", {"cid": cid(2), "activity": first}, callback=True)["ok"]
    db.session.expire_all()
    logged = db.session.scalars(select(ConsoleAction.action)).all()
    assert "activity:open" in logged and _stored(cid(2)) == 1
