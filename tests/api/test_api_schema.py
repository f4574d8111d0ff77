"""The OpenAPI document states the limits the server applies (it is generated from the models
the server validates with), lists roles and languages as enums, and every answer of the API
matches the response schema the document gives for it."""

import pytest

from cafe.participants.models import ROLES
from tests.support.openapi import assert_matches


def join_schema(doc: dict) -> dict:
    return doc["components"]["schemas"]["JoinRequest"]["properties"]


def field_schema(prop: dict) -> dict:
    return next(option for option in prop["anyOf"] if option.get("type") != "null")


@pytest.mark.parametrize("max_name", [40, 60])
def test_the_name_limit_in_the_document_is_the_one_the_server_applies(app, client, cafe_session,
                                                                      max_name):
    app.config["MAX_NAME_LENGTH"] = max_name
    app.config["JOINS_PER_MINUTE"] = 1000
    doc = client.get("/api/v1/openapi.json").get_json()
    limit = field_schema(join_schema(doc)["name"])["maxLength"]
    assert limit == max_name
    url = f"/api/v1/join/{cafe_session.code}"
    assert client.post(url, json={"name": "a" * limit}).status_code == 201
    refused = client.post(url, json={"name": "a" * (limit + 1)})
    assert refused.status_code == 400
    assert refused.get_json()["field"] == "name"
    assert str(limit) in refused.get_json()["message"]


def test_roles_and_languages_are_enums_and_refused_clearly(app, client, cafe_session):
    doc = client.get("/api/v1/openapi.json").get_json()
    props = join_schema(doc)
    assert field_schema(props["role"])["enum"] == list(ROLES)
    assert field_schema(props["language"])["enum"] == list(app.config["LANGUAGES"])
    url = f"/api/v1/join/{cafe_session.code}"
    for body, field in (({"role": "mayor"}, "role"), ({"language": "xx"}, "language"),
                        ({"name": 5}, "name")):
        answer = client.post(url, json=body, headers={"Accept-Language": "nl"})
        assert answer.status_code == 400 and answer.get_json()["field"] == field
        assert_matches(doc, "/api/v1/join/{code}", "post", answer)
    assert client.post(url, json={"role": "", "language": ""}).status_code == 201


def test_every_answer_matches_its_documented_schema(app, client, login, cafe_session, join):
    app.config["JOINS_PER_MINUTE"] = 1000
    doc = client.get("/api/v1/openapi.json").get_json()
    join(cafe_session.code, name="Schema", role="resident")
    joined = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": "Lea"})
    assert_matches(doc, "/api/v1/join/{code}", "post", joined)
    assert_matches(doc, "/api/v1/join/{code}", "get",
                   client.get(f"/api/v1/join/{cafe_session.code}"))
    assert_matches(doc, "/api/v1/join/{code}", "get", client.get("/api/v1/join/NOPE99"))
    assert_matches(doc, "/api/v1/sessions", "get", client.get("/api/v1/sessions"))
    owner = login(app.test_client())
    sid = cafe_session.id
    for path, url in (("/api/v1/sessions", "/api/v1/sessions"),
                      ("/api/v1/sessions/{session_id}", f"/api/v1/sessions/{sid}"),
                      ("/api/v1/sessions/{session_id}/results", f"/api/v1/sessions/{sid}/results")):
        answer = owner.get(url)
        assert answer.status_code == 200
        assert_matches(doc, path, "get", answer)
    assert_matches(doc, "/api/v1/sessions/{session_id}", "get", owner.get("/api/v1/sessions/999"))
