"""Timestamps as the API shows them: RFC 3339 in UTC, with the offset.

The store keeps naive UTC datetimes (SQLite has no zone); a view serialising them bare would
tell a client nothing about the zone, and breaks the `date-time` format its schema promises.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema


def utc_iso(moment: datetime) -> str:
    """`2027-01-04T09:00:00Z`: a naive value is read as UTC, an aware one converted."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat().replace("+00:00", "Z")


UtcDatetime = Annotated[
    datetime,
    PlainSerializer(utc_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
