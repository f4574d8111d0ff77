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


class StatusChange(BaseModel):
    day: str = Field(description="ISO date")
    status: Literal["planned", "started", "done", "parked", "dropped"]


class ActionUpdate(BaseModel):
    day: str
    kind: Literal["status", "note", "rating"]
    status: str | None
    text: str
    detail: dict[str, Any] = Field(description="A look-back rating: progress, adapt, n, scale")


class ActionSource(BaseModel):
    kind: str = Field(description="board, vote, worldcafe, canvas, delphi or manual")
    label: str
    key: str = Field(description="The finding's provenance key (s<session>:a<activity>:…)")


class TrajectoryAction(BaseModel):
    id: int
    title: str
    answers: str
    carrier: str = Field(description="An organisation or a role, never a resident")
    building_block: str | None
    start_date: str | None
    due_date: str | None
    status: Literal["planned", "started", "done", "parked", "dropped"]
    reason: str
    source: ActionSource
    history: list[StatusChange]
    updates: list[ActionUpdate]
    changed: bool
    status_at_start: str | None


class IndicatorPoint(BaseModel):
    day: str
    value: float
    kind: Literal["figure", "count", "survey", "room"]
    source: str


class TrajectoryIndicator(BaseModel):
    id: int
    name: str
    unit: str
    direction: Literal["up", "down"] = Field(description="up: more is better")
    baseline: float
    baseline_date: str | None
    target: float | None
    source: str
    values: list[IndicatorPoint]
    latest: float | None
    trend: Literal["better", "worse", "same"] | None
    progress: float | None = Field(description="Share of the way from baseline to target, 0–1")


class TimelineItem(BaseModel):
    kind: Literal["session", "delphi"]
    id: int
    title: str
    day: str | None


class Priority(BaseModel):
    text: str
    source: str
    day: str | None
    rank: int | None


class HoodRef(BaseModel):
    id: int
    name: str
    municipality: str | None


class Period(BaseModel):
    since: str | None
    until: str | None


class Adapt(BaseModel):
    day: str
    text: str
    detail: dict[str, Any]


class Lookback(BaseModel):
    day: str | None
    adapt: list[Adapt]


class Trajectory(BaseModel):
    neighbourhood: HoodRef
    period: Period
    published: bool
    timeline: list[TimelineItem]
    priorities: list[Priority]
    actions: list[TrajectoryAction]
    indicators: list[TrajectoryIndicator]
    lookback: Lookback


RESPONSES = (Error, Joined, SessionPublic, Sessions, SessionDetail, Results, Trajectory)
