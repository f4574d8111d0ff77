"""The API's request and response shapes. The server validates with these models and the
OpenAPI document is generated from them, so the document states the limits the server applies."""

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from cafe.participants.models import ROLES
from cafe.sessions.models import ACTIVITY_STATUSES
from cafe.team.models import MEMBER_ROLES
from cafe.team.permissions import OWNER

Role = Literal[ROLES]
Status = Literal[ACTIVITY_STATUSES]
TeamRole = Literal[(OWNER, *MEMBER_ROLES)]


class _JoinBase(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("role", "language", mode="before", check_fields=False)
    @classmethod
    def _empty_is_none(cls, value):
        return None if value == "" else value


@lru_cache(maxsize=8)
def join_request(max_name: int, languages: tuple[str, ...]) -> type[BaseModel]:
    """The join body for this server's settings (MAX_NAME_LENGTH, LANGUAGES)."""
    return create_model(
        "JoinRequest",
        __base__=_JoinBase,
        name=(str | None, Field(default=None, max_length=max_name,
                                description="Shown to the facilitator; optional")),
        role=(Role | None, None),
        language=(Literal[languages] | None,
                  Field(default=None, description="Default: the session's language")),
    )


class Error(BaseModel):
    ok: Literal[False] = False
    error: str
    message: str
    field: str | None = None


class ParticipantOut(BaseModel):
    id: int
    name: str | None
    role: Role | None
    language: str
    assisted: bool


class Joined(BaseModel):
    ok: Literal[True]
    participant: ParticipantOut
    token: str = Field(description="The participant's only copy: send it as `auth.token`")


class SessionPublic(BaseModel):
    code: str
    title: str
    language: str


class AgendaItem(BaseModel):
    id: int
    kind: str
    title: str
    status: Status


class SessionHeader(BaseModel):
    id: int
    code: str
    title: str
    language: str
    current: int | None
    agenda: list[AgendaItem]


class SessionListed(SessionHeader):
    role: TeamRole = Field(description="The logged-in facilitator's role in this session")


class Sessions(BaseModel):
    sessions: list[SessionListed]


class Counts(BaseModel):
    joined: int
    online: int
    by_role: dict[str, int] = Field(description="Per role, `unspecified` for none")


class SessionDetail(BaseModel):
    session: SessionHeader
    participants: Counts


class ActivityResults(BaseModel):
    id: int
    kind: str
    title: str
    status: Status
    results: dict[str, Any] = Field(description="The kind's results(): see docs/ARCHITECTURE.md")


class Results(BaseModel):
    session: str
    activities: list[ActivityResults]


RESPONSES = (Error, Joined, SessionPublic, Sessions, SessionDetail, Results)
