"""The OpenAPI document for /api/v1, generated from the pydantic models the server validates
and answers with (cafe.api.schemas), for this server's settings."""

from pydantic.json_schema import models_json_schema

from cafe import __version__
from cafe.api.schemas import RESPONSES, join_request

REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict:
    return {"$ref": REF.format(model=name)}


def _resp(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def components(max_name: int, languages: tuple[str, ...]) -> dict:
    models = [(join_request(max_name, languages), "validation")]
    models += [(model, "serialization") for model in RESPONSES]
    _keys, schema = models_json_schema(models, ref_template=REF)
    return schema["$defs"]


def document(max_name: int, languages: tuple[str, ...]) -> dict:
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
    sid = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Buurtcafé API", "version": __version__},
        "paths": {
            "/api/v1/join/{code}": {
                "get": {
                    "summary": "Public facts about a session, by join code",
                    "parameters": [code],
                    "responses": {"200": _resp("The session", "SessionPublic"),
                                  "404": _resp("Unknown", "Error")},
                },
                "post": {
                    "summary": "Join a session; returns the participant and its token",
                    "parameters": [code],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("JoinRequest")}},
                    },
                    "responses": {
                        "201": _resp("Joined", "Joined"),
                        "400": _resp("Invalid input", "Error"),
                        "404": _resp("Unknown session", "Error"),
                        "429": _resp("Too many joins from this address", "Error"),
                    },
                },
            },
            "/api/v1/sessions": {
                "get": {
                    "summary": "Sessions the logged-in facilitator owns or helps with "
                    "(each with its role: owner, cofacilitator, moderator)",
                    "responses": {"200": _resp("Sessions", "Sessions"),
                                  "401": _resp("Login", "Error")},
                }
            },
            "/api/v1/sessions/{session_id}": {
                "get": {
                    "summary": "A session's agenda and participant counts (owner, co-facilitator)",
                    "parameters": [sid],
                    "responses": {"200": _resp("Session", "SessionDetail"),
                                  "404": _resp("Unknown", "Error")},
                }
            },
            "/api/v1/sessions/{session_id}/results": {
                "get": {
                    "summary": "Results of every activity, no names, no tokens "
                    "(owner, co-facilitator)",
                    "parameters": [sid],
                    "responses": {"200": _resp("Results", "Results"),
                                  "404": _resp("Unknown", "Error")},
                }
            },
            "/api/v1/sessions/{session_id}/activities/{activity_id}/votes.csv": {
                "get": {
                    "summary": "A statements activity's anonymised vote matrix: one row per "
                    "participant number (no names, no tokens), group, counts, one column per "
                    "statement (owner, co-facilitator)",
                    "parameters": [sid, {"name": "activity_id", "in": "path", "required": True,
                                         "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "CSV", "content": {
                        "text/csv": {"schema": {"type": "string"}}}},
                        "404": _resp("Unknown", "Error")},
                }
            },
            "/api/v1/neighbourhoods/{hood_id}/trajectory": {
                "get": {
                    "summary": "A neighbourhood's trajectory: priorities, actions with their "
                    "status history, indicators with their values, the last look-back "
                    "(no names, no tokens). Its team reads it; anyone once it is published",
                    "parameters": [{"name": "hood_id", "in": "path", "required": True,
                                    "schema": {"type": "integer"}}],
                    "responses": {"200": _resp("Trajectory", "Trajectory"),
                                  "404": _resp("Unknown or not published", "Error")},
                }
            },
        },
        "components": {"schemas": components(max_name, languages)},
    }
