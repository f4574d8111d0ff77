"""When a session's data must be gone. Plain dates, no database."""

from datetime import UTC, datetime, timedelta

MIN_DAYS = 1
MAX_DAYS = 3650


def expires_at(created_at: datetime, retention_days: int) -> datetime:
    """The moment a session created at `created_at` and kept `retention_days` expires."""
    if created_at.tzinfo is None:
        # SQLite gives naive datetimes back; they were stored in UTC.
        created_at = created_at.replace(tzinfo=UTC)
    return created_at + timedelta(days=retention_days)


def is_expired(created_at: datetime, retention_days: int, now: datetime) -> bool:
    return now >= expires_at(created_at, retention_days)


def clamp_days(days: int) -> int:
    return max(MIN_DAYS, min(MAX_DAYS, int(days)))
