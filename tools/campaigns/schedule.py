"""Reminder scheduling maths: pure functions of datetimes, no store and no clock.

Datetimes in and out are naive UTC (how the store keeps them). A reminder goes out only inside
the member's working hours, 09:00-17:00 Monday to Friday in their own IANA time zone: one that
falls due at night or at the weekend waits for the next working morning.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WORK_START = time(9, 0)
WORK_END = time(17, 0)
DEFAULT_TZ = "UTC"


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone of that name; UTC when unknown or unset (a reminder must still go out)."""
    try:
        return ZoneInfo(name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def is_valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def to_naive_utc(moment: datetime) -> datetime:
    """Aware datetimes converted to UTC; naive ones are taken as UTC already."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def next_working_moment(when: datetime, tz_name: str | None) -> datetime:
    """`when` itself if it is inside the zone's working hours, else the next 09:00 working day."""
    tz = zone(tz_name)
    local = when.replace(tzinfo=UTC).astimezone(tz)
    day = local.date()
    if local.weekday() < 5 and WORK_START <= local.time() < WORK_END:
        return when
    if local.weekday() >= 5 or local.time() >= WORK_END:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    # zoneinfo resolves 09:00 on a DST-change day to the right offset.
    morning = datetime.combine(day, WORK_START, tzinfo=tz)
    return morning.astimezone(UTC).replace(tzinfo=None)


def next_reminder_at(
    *,
    last: datetime,
    interval_hours: int,
    sent: int,
    max_reminders: int,
    due_at: datetime,
    tz_name: str | None,
) -> datetime | None:
    """When the next reminder goes out after one at (or an invitation at) `last`.

    None when `sent` reminders already reach `max_reminders`, or when the next working moment
    would come after the due date (the summary goes out then, a reminder would be late).
    """
    if sent >= max_reminders:
        return None
    moment = next_working_moment(last + timedelta(hours=interval_hours), tz_name)
    return moment if moment < due_at else None
