from pydantic import BaseModel, ConfigDict, Field


class JoinRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str | None = Field(default=None, max_length=10_000)
    role: str | None = None
    language: str | None = None


class Error(BaseModel):
    ok: bool = False
    error: str
    message: str
