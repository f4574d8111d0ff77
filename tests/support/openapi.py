"""An API answer checked against the response schema the OpenAPI document gives for it."""

import jsonschema_rs


def response_schema(doc: dict, path: str, method: str, status: int) -> dict:
    ref = doc["paths"][path][method]["responses"][str(status)]["content"]["application/json"]
    return {**ref["schema"], "components": doc["components"]}


def assert_matches(doc, path, method, response):
    schema = response_schema(doc, path, method, response.status_code)
    validator = jsonschema_rs.validator_for(schema)
    errors = [e.message for e in validator.iter_errors(response.get_json())]
    assert not errors, (path, response.status_code, errors[:3])
