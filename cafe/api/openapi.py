"""The OpenAPI document for /api/v1. Schemas come from the pydantic models."""

from cafe import __version__
from cafe.api.schemas import Error, JoinRequest

_ERR = {"$ref": "#/components/schemas/Error"}


def _resp(description: str, schema=None) -> dict:
    body = {"description": description}
    if schema is not None:
        body["content"] = {"application/json": {"schema": schema}}
    return body


def document() -> dict:
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
    sid = {"name": "session_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    obj = {"type": "object"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Buurtcafé API", "version": __version__},
        "paths": {
            "/api/v1/join/{code}": {
                "get": {
                    "summary": "Public facts about a session, by join code",
                    "parameters": [code],
                    "responses": {"200": _resp("The session", obj), "404": _resp("Unknown", _ERR)},
                },
                "post": {
                    "summary": "Join a session; returns the participant and its token",
                    "parameters": [code],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/JoinRequest"}
                            }
                        },
                    },
                    "responses": {
                        "201": _resp("Joined", obj),
                        "400": _resp("Invalid input", _ERR),
                        "404": _resp("Unknown session", _ERR),
                    },
                },
            },
            "/api/v1/sessions": {
                "get": {
                    "summary": "Sessions the logged-in facilitator owns or helps with "
                    "(each with its role: owner, cofacilitator, moderator)",
                    "responses": {"200": _resp("Sessions", obj), "401": _resp("Login", _ERR)},
                }
            },
            "/api/v1/sessions/{session_id}": {
                "get": {
                    "summary": "A session's agenda and participant counts (owner, co-facilitator)",
                    "parameters": [sid],
                    "responses": {"200": _resp("Session", obj), "404": _resp("Unknown", _ERR)},
                }
            },
            "/api/v1/sessions/{session_id}/results": {
                "get": {
                    "summary": "Results of every activity, no names, no tokens "
                    "(owner, co-facilitator)",
                    "parameters": [sid],
                    "responses": {"200": _resp("Results", obj), "404": _resp("Unknown", _ERR)},
                }
            },
        },
        "components": {
            "schemas": {
                "JoinRequest": JoinRequest.model_json_schema(),
                "Error": Error.model_json_schema(),
            }
        },
    }
