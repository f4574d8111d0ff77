"""Every HTTP route and every Socket.IO event, tried by people who must not get in.

Routes and events are discovered from the app (url_map, the Socket.IO handlers), so features added
later are walked too. Only the routes in PUBLIC may answer an outsider with content.
"""

import json

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.auth.models import Facilitator
from cafe.auth.services import create_facilitator
from cafe.extensions import db, socketio
from cafe.library.models import SavedPlan
from cafe.live.handlers import EVENTS
from cafe.participants import services as participants
from cafe.security.inventory import session_rows
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from cafe.team.permissions import moderation_events
from tests.support.factories import FACILITATOR_PASSWORD, cid

# Anyone may open these: joining by code, health, static files, the API description, login.
PUBLIC = {
    "static", "web.home", "web.join_by_code", "web.healthz", "web.qr_svg",
    "participants.join", "security.privacy", "api.openapi", "api.session_public", "api.join",
    # The accessibility statement under a session's address names the session, as its join and
    # privacy pages do: a public page of that session.
    "web.accessibility",
    "auth.login",
}
# A moderator of the victim session sees it in their list and may open its console, nothing
# else.
MODERATOR_MAY = {"sessions.console", "sessions.index", "api.sessions"}
SECRET_PLAN = "Privé draaiboek Z9K"
REFUSED = {401, 403, 404, 405}
SECRET_TITLE = "Verborgen zorgvraag Q7X"
SECRET_NAME = "Gerda Geheimnaam"


@pytest.fixture
def world(app, facilitator, other_facilitator, client, join):
    """A victim session with people in it, and an attacker's own session and phone."""
    plan = load_plan(available_plans()["kickoff-buurtanalyse"], registry.all_kinds())
    victim = create_session(facilitator, SECRET_TITLE, "en", plan)
    db.session.commit()  # services flush; the caller commits
    token = join(victim.code, name=SECRET_NAME, role="resident")
    assisted, _t, _c = participants.join(victim, name="Assisted Secret", assisted=True)
    db.session.commit()
    # The facilitator's own analysis and Delphi study: other facilitators must not reach them.
    from cafe.delphi import services as delphi
    from cafe.neighbourhoods import services as neighbourhoods

    hood = neighbourhoods.create(facilitator, "Secret neighbourhood")
    study = delphi.create_study(facilitator, "Secret study", "en", ["P"], [("", "Statement")])
    db.session.commit()
    # A private plan in the facilitator's library, and a moderator of the victim session.
    from cafe.library.services import save_session
    from cafe.team.services import add_member

    saved = save_session(facilitator, victim, SECRET_PLAN, "", shared=False)
    create_facilitator("moderator", FACILITATOR_PASSWORD, "en")
    add_member(victim, "moderator", "moderator")
    db.session.commit()
    own = create_session(other_facilitator, "Attacker's own", "en", plan)
    db.session.commit()  # services flush; the caller commits
    attacker_token = join(own.code, name="Attacker")
    return {
        "victim": victim,
        "token": token,
        "assisted": assisted.id,
        "own": own,
        "attacker_token": attacker_token,
        "hood_id": hood.id,
        "study_id": study.id,
        "plan_id": saved.id,
        "secrets": [SECRET_NAME, "Assisted Secret", token, victim.projector_key,
                    participants.hash_token(token), SECRET_PLAN],
    }


def fingerprint(session_id):
    """Every row of the victim's data, with every column, to see that nothing changed."""
    out = {}
    for table_name, keys in session_rows(session_id).items():
        table = db.metadata.tables[table_name]
        pk = list(table.primary_key.columns)
        rows = db.session.execute(select(table)).mappings().all()
        out[table_name] = sorted(
            json.dumps(dict(r), default=str, sort_keys=True) for r in rows
            if tuple(r[c.name] for c in pk) in keys
        )
    return out


def victim_ids(world):
    """Ids a crafted request might use to reach into the victim's session, by table."""
    rows = session_rows(world["victim"].id)
    return {table: sorted(k[0] for k in keys) for table, keys in rows.items()}


def url_values(rule, world, ids):
    values = {}
    for arg in rule.arguments:
        converter = rule._converters[arg].__class__.__name__
        if converter == "IntegerConverter" and arg in ("hood_id", "study_id", "plan_id"):
            values[arg] = world[arg]
        elif arg == "key":
            values[arg] = f"saved-{world['plan_id']}"
        elif converter == "IntegerConverter":
            stem = arg.removesuffix("_id")
            table = next((t for t in ids if t.rstrip("s") == stem or t.startswith(stem)),
                         "sessions")
            values[arg] = ids[table][0]
        elif arg == "filename":
            values[arg] = "css/cafe.css"
        else:
            values[arg] = world["victim"].code
    return values


class Actors:
    """The people who must not get in, each on a fresh test client for every request (no
    cookie a request set carries over to the next). A login is made once and its cookie
    reused while it is valid: a request that ended it (logout, a new password) makes the next
    call log in again."""

    def __init__(self, app, login, world):
        self.app, self.login, self.world = app, login, world
        self.cookies = {}

    def _logged_in(self, username):
        user = db.session.scalar(select(Facilitator).where(Facilitator.username == username))
        db.session.refresh(user)
        version = user.login_version or 0
        cached = self.cookies.get(username)
        if cached is None or cached[0] != version:
            logged = self.login(self.app.test_client(), username)
            self.cookies[username] = (version, [
                (c.key, c.value) for c in logged._cookies.values()])  # werkzeug's own jar
        client = self.app.test_client()
        for key, value in self.cookies[username][1]:
            client.set_cookie(key, value)
        if cached is None or cached[0] != version:
            # The copied cookie is a login: the console's list opens, not the login page.
            assert client.get("/console/").status_code == 200, username
        return client

    def fresh(self):
        outsider = self.app.test_client()
        phone = self.app.test_client()
        own, victim = self.world["own"].code, self.world["victim"].code
        phone.set_cookie(participants.cookie_name(own), self.world["attacker_token"])
        # A participant of another session trying their token on this one.
        phone.set_cookie(participants.cookie_name(victim), self.world["attacker_token"])
        return {"outsider": outsider, "other facilitator": self._logged_in("bert"),
                "other participant": phone, "moderator": self._logged_in("moderator")}


def test_every_route_refuses_outsiders(app, login, world):
    ids = victim_ids(world)
    walked = 0
    people = Actors(app, login, world)
    before = fingerprint(world["victim"].id)
    for rule in app.url_map.iter_rules():
        values = url_values(rule, world, ids)
        path = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for who, client in people.fresh().items():
                response = client.open(
                    path, method=method,
                    data=None if rule.rule.startswith("/api/") else {
                        "confirm": world["victim"].code, "title": "x", "name": "x",
                        "language": "en", "role": "resident"},
                    json={"name": "x"} if rule.rule.startswith("/api/") else None,
                )
                walked += 1
                where = f"{who}: {method} {path} ({rule.endpoint})"
                body = response.get_data(as_text=True)
                assert response.status_code < 500, where
                # One look at the victim's rows per request: what it must not have changed is
                # compared below; a change that may happen (a public join) is the new baseline.
                after = fingerprint(world["victim"].id)
                unchanged, before = after == before, after
                if who == "moderator" and rule.endpoint in MODERATOR_MAY and method == "GET":
                    assert response.status_code in (200, *REFUSED), where
                    continue
                for secret in world["secrets"]:
                    assert secret not in body, where
                if rule.endpoint in PUBLIC:
                    continue
                if rule.arguments:
                    # Aimed at the victim's session: refused, or sent to log in / to join.
                    assert SECRET_TITLE not in body, where
                    location = response.headers.get("Location", "")
                    assert response.status_code in REFUSED or (
                        300 <= response.status_code < 400
                        and ("/login" in location or "/j/" in location)
                    ), f"{where} answered {response.status_code}"
                    assert unchanged, where
                else:
                    assert SECRET_TITLE not in body, where
    assert walked > 30
    assert db.session.get(SavedPlan, world["plan_id"]) is not None


def test_outsiders_cannot_connect_to_the_live_session(app, sio, login, world):
    code = world["victim"].code
    assert not sio(code, view="phone").is_connected()
    assert not sio(code, view="phone", token=world["attacker_token"]).is_connected()
    assert not sio(code, view="projector").is_connected()
    assert not sio(code, view="projector", key=world["own"].projector_key).is_connected()
    assert not sio(code, view="console").is_connected()
    assert not sio(code, view="console", flask_client=login(app.test_client(), "bert")
                   ).is_connected()
    assert not sio(code, view="nonsense", key=world["victim"].projector_key).is_connected()


def dummy(schema: dict, number: int):
    """A value of the JSON schema's type; integers are the id being tried."""
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return dummy(options[0], number) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "integer":
        return number
    if kind == "number":
        return float(number)
    if kind == "boolean":
        return True
    if kind == "array":
        return [dummy(schema.get("items", {}), number)] if schema.get("minItems") else []
    if kind == "object":
        return {}
    return "walk" + "x" * max(0, int(schema.get("minLength", 0)) - 4)


def payloads(event, ids):
    """Payloads aiming every id field at each of the victim's rows (and an assisted person)."""
    model = EVENTS.get(event, (None,))[0]
    numbers = sorted({n for keys in ids.values() for n in keys})
    for n, number in enumerate(numbers):
        if model is None:
            yield {"cid": cid(f"walk-{event}-{n}"), "activity": number, "participant": number}
            continue
        schema = model.model_json_schema()
        body = {}
        for name, prop in schema.get("properties", {}).items():
            if name == "cid":
                continue
            if name in schema.get("required", []) or "integer" in json.dumps(prop):
                body[name] = dummy(prop, number)
        for on_behalf in (None, number):
            yield {**body, "cid": cid(f"walk-{event}-{n}-{on_behalf}"), "on_behalf": on_behalf}


def test_every_event_refuses_reaching_into_another_session(app, sio, login, world):
    own = world["own"].code
    phone = sio(own, token=world["attacker_token"])
    console = sio(own, view="console", flask_client=login(app.test_client(), "bert"))
    projector = sio(own, view="projector", key=world["own"].projector_key)
    assert phone.is_connected() and console.is_connected() and projector.is_connected()
    app.config["CONTRIBUTIONS_PER_MINUTE"] = 100_000
    ids = victim_ids(world)
    before = fingerprint(world["victim"].id)
    events = [e for e in socketio.server.handlers["/"] if e not in ("connect", "disconnect")]
    assert "me:withdraw" in events and "activity:open" in events
    for event in events:
        for body in payloads(event, ids):
            for client in (phone, console, projector):
                answer = client.emit(event, body, callback=True)
                text = json.dumps(answer, default=str)
                for secret in [*world["secrets"], SECRET_TITLE]:
                    assert secret not in text, (event, body)
    assert fingerprint(world["victim"].id) == before
    received = json.dumps([c.get_received() for c in (phone, console, projector)], default=str)
    for secret in [*world["secrets"], SECRET_TITLE]:
        assert secret not in received


def test_a_moderator_console_can_only_moderate(app, sio, login, world):
    """Every console event but the moderation ones, sent by a moderator of the victim session
    at its own rows, is refused and changes nothing."""
    console = sio(world["victim"].code, view="console",
                  flask_client=login(app.test_client(), "moderator"))
    assert console.is_connected()
    app.config["CONTRIBUTIONS_PER_MINUTE"] = 100_000
    ids = victim_ids(world)
    before = fingerprint(world["victim"].id)
    refused = 0
    for event in EVENTS:
        if event in moderation_events():
            continue
        for body in payloads(event, ids):
            answer = console.emit(event, body, callback=True)
            assert answer["ok"] is False, (event, body)
            refused += answer["error"] == "forbidden"
    assert refused > 50
    assert fingerprint(world["victim"].id) == before


def test_the_console_cannot_act_for_another_sessions_assisted_participant(
    app, sio, login, world
):
    console = sio(world["own"].code, view="console", flask_client=login(app.test_client(),
                                                                         "bert"))
    answer = console.emit("me:withdraw", {"cid": cid(1), "on_behalf": world["assisted"]},
                          callback=True)
    assert answer == {**answer, "ok": False, "error": "forbidden"}
