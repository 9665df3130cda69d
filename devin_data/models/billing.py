"""Billing days: the API bills per day from 08:00 UTC (midnight Pacific standard time) to 08:00
UTC the next day, and names each day by the UTC date it starts on. The one place that boundary
is written down: the sync asks for billed days by it, spend and the forecast count by it.

A billing cycle without one from the API is the calendar month from the 1st at 08:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

DAY_START = timedelta(hours=8)  # billing days start at 08:00 UTC


def billing_day(moment: datetime) -> date:
    """The billing day holding ``moment`` (the UTC date of its 08:00 UTC start)."""
    return (moment.astimezone(UTC) - DAY_START).date()


def day_start(day: date) -> datetime:
    """When a billing day starts: 08:00 UTC of its date."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + DAY_START


def day_of_epoch(epoch: str | int | float) -> date:
    """The billing day holding an epoch second (the API names billed days by their start)."""
    return billing_day(datetime.fromtimestamp(int(epoch), UTC))


def month_cycle(now: datetime) -> tuple[date, date]:
    """The calendar-month cycle holding ``now``: its first billing day and the next cycle's."""
    today = billing_day(now)
    first = today.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following
