"""Billing days: from 08:00 UTC, named by the date they start; cycles are calendar months."""

from __future__ import annotations

from datetime import UTC, date, datetime

from devin_data.models.billing import billing_day, day_of_epoch, day_start, month_cycle

CYCLE = (date(2026, 12, 1), date(2027, 1, 1))


def test_billing_days_start_at_eight_utc() -> None:
    assert billing_day(datetime(2026, 12, 10, 7, 59, tzinfo=UTC)) == date(2026, 12, 9)
    assert billing_day(datetime(2026, 12, 10, 8, 0, tzinfo=UTC)) == date(2026, 12, 10)
    assert month_cycle(datetime(2027, 1, 1, 7, 0, tzinfo=UTC)) == CYCLE
    assert month_cycle(datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) == CYCLE


def test_a_billing_day_starts_at_eight_utc_of_its_date() -> None:
    start = day_start(date(2026, 12, 10))
    assert start == datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    assert billing_day(start) == day_of_epoch(start.timestamp()) == date(2026, 12, 10)
    assert day_of_epoch(start.timestamp() - 1) == date(2026, 12, 9)
