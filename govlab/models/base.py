"""Column helpers shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back in UTC, timezone-aware (SQLite drops the zone; PostgreSQL
    answers in its session's zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        # PostgreSQL answers in the session's time zone (a Thai server is often set to Asia/Bangkok): what is
        # read is UTC, as what is written, so its ISO form with a Z names the right moment.
        return value if value.tzinfo is timezone.utc else value.astimezone(timezone.utc)


def ordering_key_type(length: int = 64):
    """A string compared byte-wise on every database (collation "C" on PostgreSQL)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")
