"""How a scheduled moment reads: local time (TIMEZONE), in the reader's language."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_datetime


def shown(moment: datetime, config: dict) -> str:
    """A scheduled moment as the facilitator and panelists read it: local time, their
    language's date format."""
    local = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = local.astimezone(ZoneInfo(config["TIMEZONE"]))
    return format_datetime(local, "medium", rebase=False)
