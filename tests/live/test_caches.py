"""Process state belongs to the app: two apps (tests make many, each with its own database)
share no cache, and every cache has a size limit."""

import pytest

from cafe import create_app
from cafe.activities import registry
from cafe.activities.statements import analysis
from cafe.auth.services import create_facilitator
from cafe.caches import BoundedCache, caches
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session


def _app(folder, monkeypatch):
    monkeypatch.setenv("CAFE_INSTANCE_PATH", str(folder / "instance"))
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "SECRET_KEY": "test",
                      "DATABASE_URL": f"sqlite:///{folder / 'cafe.db'}"})
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def two_apps(tmp_path, monkeypatch):
    apps = [_app(tmp_path / name, monkeypatch) for name in ("a", "b")]
    yield apps
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_two_apps_share_no_cache(two_apps):
    first, second = two_apps
    with first.app_context():
        caches().get("example")["key"] = "first's"
    with second.app_context():
        assert "key" not in caches().get("example")
        assert caches().one("object", dict) is not caches(first).one("object", dict)


def test_a_cache_forgets_the_least_recently_used_beyond_its_size():
    cache = BoundedCache(3)
    for key in "abc":
        cache[key] = key
    assert cache.get("a") == "a"  # read: the most recently used now
    cache["d"] = "d"
    cache["e"] = "e"
    assert len(cache) == 3
    assert "b" not in cache and "c" not in cache
    assert [cache.get(k) for k in "ade"] == ["a", "d", "e"]


def _statements_activity(app) -> int:
    with app.app_context():
        user = create_facilitator("anna", "a long password", "en")
        plan = load_plan(available_plans()["stellingen"], registry.all_kinds())
        session = create_session(user, plan.title, "en", plan)
        db.session.commit()
        return next(a.id for a in session.activities if a.kind == "statements")


def test_the_statements_analysis_of_one_app_is_not_another_apps(two_apps):
    """Same activity id in two databases: once kept by activity id in a module, the second
    app's phones were told the first app's opinion groups."""
    first, second = two_apps
    ids = [_statements_activity(app) for app in two_apps]
    assert ids[0] == ids[1]
    first.config["OPINION_INTERVAL"] = 0  # the view computes the analysis itself
    with first.app_context():
        analysis.current(db.session.get(Activity, ids[0]))
        assert analysis.latest(ids[0]) is not None
    with second.app_context():
        assert analysis.latest(ids[1]) is None
