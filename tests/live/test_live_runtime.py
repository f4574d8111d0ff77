"""The live layer's state belongs to its app (cafe.live.runtime): two apps in one process
keep their connections and queues apart, and the tasks start once per app, with the app."""

from cafe import create_app
from cafe.extensions import socketio
from cafe.live import tasks
from cafe.live.runtime import LiveRuntime, live


def test_each_app_has_its_own_live_state(app, cafe_session, join, sio):
    other = create_app({"TESTING": True, "ASYNC_MODE": "threading",
                        "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    assert isinstance(live(app), LiveRuntime) and live(app) is not live(other)
    phone = sio(cafe_session.code, token=join(cafe_session.code, name="Fatima"))
    assert phone.is_connected()
    assert len(live(app).connections) == 1 and live(other).connections == {}
    phone.disconnect()
    assert live(app).connections == {}


def test_the_tasks_start_once_with_the_first_request_of_a_serving_app(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(socketio, "start_background_task",
                        lambda fn, *a, **k: started.append(fn))
    app = create_app({"TESTING": True, "LIVE_TASKS": True, "ASYNC_MODE": "threading",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "SECRET_KEY": "x",
                      "PHONE_UPDATE_INTERVAL": 0.5, "GC_FULL_INTERVAL": 0})
    assert live(app).started == set()  # creating the app starts nothing (a pre-forking host)
    app.test_client().get("/")
    state = live(app)
    assert {"tasks", "flusher"} <= state.started
    assert state.screen_interval > 0
    count = len(started)
    assert count >= 1
    app.test_client().get("/")
    assert not tasks.start(app) and len(started) == count
