"""Reminder scheduling: working hours in the member's own zone, interval, cap and due date."""

from __future__ import annotations

from datetime import datetime

import pytest

from tools.campaigns.schedule import next_reminder_at, next_working_moment, to_naive_utc

# 2026-03-02 is a Monday; Europe and the US are both on winter time that week.
MON = datetime(2026, 3, 2)


@pytest.mark.parametrize(
    ("when_utc", "tz", "expected_utc"),
    [
        # Monday 10:00 in Paris (09:00 UTC): inside working hours, sent as is.
        (datetime(2026, 3, 2, 9, 0), "Europe/Paris", datetime(2026, 3, 2, 9, 0)),
        # Monday 18:00 in Paris: next morning 09:00 Paris = 08:00 UTC.
        (datetime(2026, 3, 2, 17, 0), "Europe/Paris", datetime(2026, 3, 3, 8, 0)),
        # Tuesday 03:00 in New York: that same morning 09:00 New York = 14:00 UTC.
        (datetime(2026, 3, 3, 8, 0), "America/New_York", datetime(2026, 3, 3, 14, 0)),
        # Friday 17:30 in New York: Monday 09:00.
        (datetime(2026, 3, 6, 22, 30), "America/New_York", datetime(2026, 3, 9, 13, 0)),
        # Saturday noon in Tokyo: Monday 09:00 Tokyo = Sunday 24:00 UTC.
        (datetime(2026, 3, 7, 3, 0), "Asia/Tokyo", datetime(2026, 3, 9, 0, 0)),
        # 16:59 is still working time; 17:00 is not.
        (datetime(2026, 3, 2, 16, 59), "UTC", datetime(2026, 3, 2, 16, 59)),
        (datetime(2026, 3, 2, 17, 0), "UTC", datetime(2026, 3, 3, 9, 0)),
        # Unknown or unset zone: UTC working hours.
        (datetime(2026, 3, 2, 20, 0), "Mars/Olympus", datetime(2026, 3, 3, 9, 0)),
        (datetime(2026, 3, 2, 20, 0), None, datetime(2026, 3, 3, 9, 0)),
    ],
)
def test_next_working_moment_table(
    when_utc: datetime, tz: str | None, expected_utc: datetime
) -> None:
    assert next_working_moment(when_utc, tz) == expected_utc


def test_next_working_moment_across_dst_change_keeps_nine_local() -> None:
    # US clocks go forward on Sunday 2026-03-08: Monday 09:00 is 13:00 UTC, not 14:00.
    assert next_working_moment(datetime(2026, 3, 7, 12), "America/New_York") == datetime(
        2026, 3, 9, 13, 0
    )


def test_next_reminder_after_interval_in_working_hours() -> None:
    got = next_reminder_at(
        last=datetime(2026, 3, 2, 9, 0),
        interval_hours=48,
        sent=0,
        max_reminders=3,
        due_at=datetime(2026, 3, 12),
        tz_name="Europe/Paris",
    )
    assert got == datetime(2026, 3, 4, 9, 0)


def test_next_reminder_due_at_night_deferred_to_morning() -> None:
    # Invited Monday 17:30 Paris: 48 hours later is Wednesday 17:30, after hours, so the
    # reminder waits for Thursday 09:00 Paris (08:00 UTC).
    got = next_reminder_at(
        last=datetime(2026, 3, 2, 16, 30),
        interval_hours=48,
        sent=0,
        max_reminders=3,
        due_at=datetime(2026, 3, 12),
        tz_name="Europe/Paris",
    )
    assert got == datetime(2026, 3, 5, 8, 0)


def test_next_reminder_none_after_the_last_one() -> None:
    kwargs = {"last": MON, "interval_hours": 48, "due_at": datetime(2026, 3, 30), "tz_name": None}
    assert next_reminder_at(sent=3, max_reminders=3, **kwargs) is None  # type: ignore[arg-type]
    assert next_reminder_at(sent=0, max_reminders=0, **kwargs) is None  # type: ignore[arg-type]


def test_next_reminder_none_when_it_would_come_after_due_date() -> None:
    got = next_reminder_at(
        last=datetime(2026, 3, 2, 10),
        interval_hours=48,
        sent=1,
        max_reminders=3,
        due_at=datetime(2026, 3, 4, 9),
        tz_name="UTC",
    )
    assert got is None


def test_to_naive_utc_converts_aware_and_keeps_naive() -> None:
    from zoneinfo import ZoneInfo

    aware = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Paris"))
    assert to_naive_utc(aware) == datetime(2026, 3, 2, 9)
    assert to_naive_utc(MON) == MON
