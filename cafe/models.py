"""Column helpers shared by every feature's models."""

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime
from sqlalchemy.orm import mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


def created_at():
    return mapped_column(DateTime(timezone=True), default=utcnow)


def json_column(default=dict):
    return mapped_column(JSON, default=default)
