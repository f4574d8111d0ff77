"""Fuzzing: the HTTP API against its OpenAPI document (schemathesis), and malformed Socket.IO
payloads sent to every registered event. Nothing may crash or log an error."""

import json
import logging

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from cafe.extensions import socketio
from cafe.live.handlers import EVENTS
from tests.support.factories import cid

DEPTH = 10_000


def deep(depth=DEPTH) -> str:
    return "[" * depth + "]" * depth


def malformed(event: str) -> list:
    """Payloads as a broken or hostile client would send them, as Python values."""
    good = cid("fuzz")
    model = EVENTS.get(event, (None,))[0]
    fields = list(model.model_fields) if model else ["activity", "text"]
    out = [None, "text", 42, 4.2, True, [], [good], {}, {"cid": 5}, {"cid": None},
           {"cid": "x" * 50_000}, {"cid": "../../etc"}, {"cid": good, "on_behalf": "me"},
           {"cid": good, "on_behalf": -1}, {"cid": good, "on_behalf": 10**40},
           b"\x00\xff\xfe", {"cid": good, "data": b"\x89PNG\x00"}]
    for field in fields:
        for value in (None, "", "x" * 50_000, -1, 0, 10**40, 1.5, [], {}, [[[[1]]]],
                      {"$gt": ""}, b"\x00\xff", "<script>alert(1)</script>", "\u0000\ud7ff"):
            out.append({"cid": cid(f"fuzz-{field[:20]}"), field: value})
    return out


@pytest.fixture
def connected(app, sio, join, cafe_session, client, login):
    app.config["CONTRIBUTIONS_PER_MINUTE"] = 1_000_000
    return {
        "phone": sio(cafe_session.code, token=join(cafe_session.code)),
        "console": sio(cafe_session.code, view="console", flask_client=login(client)),
        "projector": sio(cafe_session.code, view="projector", key=cafe_session.projector_key),
    }


def registered_events() -> list[str]:
    events = [e for e in socketio.server.handlers["/"] if e not in ("connect", "disconnect")]
    assert "me:withdraw" in events and "state:get" in events
    return events


def errors(caplog) -> list:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_malformed_payloads_are_refused_without_errors(connected, caplog):
    for event in registered_events():
        for payload in malformed(event):
            for view, client in connected.items():
                answer = client.emit(event, payload, callback=True)
                where = (view, event, repr(payload)[:80])
                assert isinstance(answer, dict), where
                if not answer.get("ok"):
                    assert answer["error"] and answer["message"], where
                assert client.is_connected(), where
    assert not errors(caplog)


def raw_event(client, text: str):
    """Send an already encoded Socket.IO EVENT packet with ack id 77, as a hostile client could
    (Python's own encoder refuses to build some of these)."""
    inner = client.inner
    inner.socketio.server._handle_eio_message(inner.eio_sid, "277" + text)
    ack, inner.acks = inner.acks, None
    return ack and ack["args"][0]


def test_deep_nesting_and_broken_json_are_refused_without_errors(connected, caplog):
    for event in registered_events():
        name = json.dumps(event)
        for text in (
            f'[{name},{{"cid":"{cid("deep")}","x":{deep()}}}]',
            f"[{name},{deep()}]",
            f'[{name},{{"cid": "abcdef", "activity": 1,,,]',
            f"[{name},NaN]",
            f'[{name},{{"cid":"{cid("dup")}","cid":{{"a":1}}}}]',
        ):
            for view, client in connected.items():
                answer = raw_event(client, text)
                where = (view, event, text[:60])
                assert answer is None or answer.get("ok") is False or "state" in answer, where
                assert client.is_connected(), where
    assert not errors(caplog)


def test_malformed_connection_requests_are_refused(app, sio, cafe_session, caplog):
    from flask_socketio import SocketIOTestClient

    for auth in (None, "text", 5, [], {"session": ["list"]}, {"session": {"$ne": 1}},
                 {"session": cafe_session.code, "view": ["phone"]},
                 {"session": cafe_session.code, "view": "phone", "token": {"a": 1}},
                 {"session": cafe_session.code, "view": "projector", "key": 12345},
                 {"session": "x" * 50_000}):
        with app.app_context():
            client = SocketIOTestClient(app, socketio, auth=auth)
        assert not client.is_connected(), auth
    assert not errors(caplog)


# ---------------------------------------------------------------- schemathesis on the API

EXAMPLES = 30  # per operation and mode: bounded, so the suite stays fast


def test_api_never_answers_500(app, client, login, cafe_session, join):
    """Every operation of /api/v1/openapi.json, with valid and invalid input, as an outsider and
    as the owner (ids of a real session mixed in)."""
    join(cafe_session.code, name="Fuzz")
    owner = login(app.test_client()).get_cookie("session").value
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4
    seen = []

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode), as_owner=st.booleans(),
                   real_ids=st.booleans())
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case, as_owner, real_ids):
                params = case.path_parameters or {}
                if real_ids and "session_id" in params:
                    params["session_id"] = cafe_session.id
                if real_ids and "code" in params:
                    params["code"] = cafe_session.code
                response = case.call(cookies={"session": owner} if as_owner else None)
                seen.append(response.status_code)
                assert response.status_code < 500, (case.path, params, case.body,
                                                    response.text[:300])

            try:
                run()
            except Unsatisfiable:
                # Nothing invalid to generate (an operation without parameters or body).
                assert mode == GenerationMode.NEGATIVE
    assert len(seen) > 4 * EXAMPLES


def test_huge_and_odd_ids_in_every_url_do_not_crash(app, client, login, cafe_session):
    owner = login(app.test_client())
    tried = 0
    for rule in app.url_map.iter_rules():
        ints = [a for a in rule.arguments
                if rule._converters[a].__class__.__name__.endswith(("IntegerConverter",
                                                                    "IdConverter"))]
        if not ints:
            continue
        for number in (10**25, 2**31, 2**63, 0):
            values = {a: number if a in ints else cafe_session.code for a in rule.arguments}
            path = rule.build(values)[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for who in (client, owner):
                    response = who.open(path, method=method)
                    tried += 1
                    assert response.status_code < 500, (method, path)
                    if number > 2**31 - 1:
                        assert response.status_code in (302, 401, 404), (method, path)
    assert tried >= 8
