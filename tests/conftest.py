import pytest
from flask.testing import FlaskClient

from cafe import create_app
from cafe.auth.services import create_facilitator
from cafe.extensions import db as _db
from cafe.extensions import socketio
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.votes import make_vote, room  # noqa: F401 - fixtures for the vote tests


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (own `g`, own database session), as in production,
    even though the test itself holds one open to inspect the database."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


class IsolatedSocketClient:
    """Runs each event in a fresh app context, as the real server does, so `g` (and the
    logged-in user cached there) is not shared with the test or other clients."""

    def __init__(self, app, inner):
        self.app = app
        self.inner = inner

    def emit(self, *args, **kwargs):
        with self.app.app_context():
            return self.inner.emit(*args, **kwargs)

    def disconnect(self, *args, **kwargs):
        with self.app.app_context():
            return self.inner.disconnect(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("CAFE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "ASYNC_MODE": "threading",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}",
            "WTF_CSRF_ENABLED": False,
            "PHONE_UPDATE_INTERVAL": 0,
            "SECRET_KEY": "test-secret",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def facilitator(app):
    return create_facilitator("anna", FACILITATOR_PASSWORD, "en")


@pytest.fixture
def other_facilitator(app):
    return create_facilitator("bert", FACILITATOR_PASSWORD, "en")


@pytest.fixture
def cafe_session(app, facilitator):
    from cafe.activities import registry

    plan = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
    session = create_session(facilitator, plan.title, "en", plan)
    _db.session.commit()  # services flush; the caller commits
    return session


@pytest.fixture
def login(app):
    def _login(test_client, username="anna"):
        response = test_client.post(
            "/login", data={"username": username, "password": FACILITATOR_PASSWORD}
        )
        assert response.status_code == 302, response.data
        return test_client

    return _login


@pytest.fixture
def join(client):
    """Join through the JSON API, as a phone would through the form; returns the token."""

    def _join(code, **body):
        response = client.post(f"/api/v1/join/{code}", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["token"]

    return _join


@pytest.fixture
def sio(app):
    """Socket.IO test clients; each is disconnected at the end of the test."""
    made = []

    def _connect(code, view="phone", token=None, key=None, flask_client=None):
        auth = {"session": code, "view": view}
        if token:
            auth["token"] = token
        if key:
            auth["key"] = key
        with app.app_context():
            c = IsolatedSocketClient(
                app, socketio.test_client(app, auth=auth, flask_test_client=flask_client)
            )
        made.append(c)
        return c

    yield _connect
    for c in made:
        if c.is_connected():
            c.disconnect()
