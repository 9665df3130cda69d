"""Run-out forecast of a billing cycle from the daily billed ACUs, weekday by weekday.

Billing days are those of :mod:`devin_data.models.billing` (from 08:00 UTC, named by the UTC date
of their start). The burn of each weekday is the mean of that weekday's complete billing
days over the last weeks (up to eight), with a range from their low and high quantiles, so a
quiet weekend is not projected like a busy Tuesday. ``now`` is always given by the caller.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from devin_data.models.billing import billing_day, day_start

WEEKS = 8
LOW_QUANTILE, HIGH_QUANTILE = 0.2, 0.8
Daily = Mapping[date, float]  # billed ACUs per billing day


@dataclass(frozen=True)
class Burn:
    """Billed ACUs per day, per weekday (Monday first): expected, low and high."""

    mean: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    days: int  # complete billing days the figures rest on


def weekday_burn(daily: Daily, today: date, weeks: int = WEEKS) -> Burn | None:
    """The burn per weekday over the complete days of the last ``weeks`` weeks before ``today``.

    Days missing from ``daily`` after its first day count as zero; a weekday not seen yet takes
    the figures of all days. None without any complete day.
    """
    if not daily:
        return None
    first = max(min(daily), today - timedelta(weeks=weeks))
    days = [first + timedelta(d) for d in range((today - first).days)]
    if not days:
        return None
    values = np.array([float(daily.get(day, 0.0)) for day in days])
    weekdays = np.array([day.weekday() for day in days])
    stats = []
    for weekday in range(7):
        chosen = values[weekdays == weekday]
        sample = chosen if len(chosen) else values
        stats.append(
            (
                float(sample.mean()),
                float(np.quantile(sample, LOW_QUANTILE)),
                float(np.quantile(sample, HIGH_QUANTILE)),
            )
        )
    mean, low, high = (tuple(column) for column in zip(*stats, strict=True))
    return Burn(mean, low, high, len(days))


@dataclass(frozen=True)
class Forecast:
    """Where a cycle is heading: spent so far, projected totals and when the limit is reached.

    ``runs_out`` is the billing day the limit is reached at the expected pace (None when not in
    this cycle); ``runs_out_early`` and ``runs_out_late`` the same at the high and low pace.
    """

    cycle_start: date
    cycle_end: date  # the first day of the next cycle
    spent: float
    projected: float
    projected_low: float
    projected_high: float
    limit: float | None
    runs_out: date | None
    runs_out_early: date | None
    runs_out_late: date | None
    burn_days: int

    @property
    def last_day(self) -> date:
        return self.cycle_end - timedelta(days=1)

    @property
    def days_left_after_run_out(self) -> int | None:
        """Days of the cycle left after the day the limit is reached."""
        return None if self.runs_out is None else (self.last_day - self.runs_out).days

    @property
    def pace_share(self) -> float | None:
        """The projected cycle total as a share of the limit."""
        return None if not self.limit else self.projected / self.limit


def spent_in(daily: Daily, start: date, end: date, now: datetime) -> float:
    """Billed ACUs of the cycle's days up to the billing day of ``now``."""
    today = billing_day(now)
    return sum(float(v) for d, v in daily.items() if start <= d < end and d <= today)


def _project(
    daily: Daily, rates: tuple[float, ...], cycle: tuple[date, date], now: datetime, limit: float
) -> tuple[float, date | None]:
    """The projected cycle total, and the day the running total reaches ``limit``.

    Past days count as billed; today adds its weekday's rate for the part still to come.
    """
    today = billing_day(now)
    elapsed = (now.astimezone(UTC) - day_start(today)) / timedelta(days=1)
    total, reached = 0.0, None
    day, end = cycle
    while day < end:
        if day <= today:
            total += float(daily.get(day, 0.0))
        share = 1.0 if day > today else max(0.0, 1.0 - elapsed) if day == today else 0.0
        total += rates[day.weekday()] * share
        if reached is None and total >= limit:
            reached = day
        day += timedelta(days=1)
    return total, reached


def forecast(
    daily: Daily,
    cycle: tuple[date, date],
    now: datetime,
    limit: float | None = None,
    weeks: int = WEEKS,
) -> Forecast | None:
    """The forecast of the cycle ``[start, end)`` holding ``now``; None without history."""
    start, end = cycle
    burn = weekday_burn(daily, billing_day(now), weeks)
    if burn is None:
        return None
    bound = math.inf if limit is None else float(limit)
    expected, runs_out = _project(daily, burn.mean, cycle, now, bound)
    low, late = _project(daily, burn.low, cycle, now, bound)
    high, early = _project(daily, burn.high, cycle, now, bound)
    spent = spent_in(daily, start, end, now)
    return Forecast(start, end, spent, expected, low, high, limit, runs_out, early, late, burn.days)


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def forecast_sentence(
    cast: Forecast, who: str = "the organization", what: str = "ACU limit"
) -> str:
    """One plain sentence on where the cycle is heading at the current pace; ``what`` names
    the limit ("ACU limit", "monthly budget")."""
    if cast.limit is None:
        return (
            f"At this pace {who} uses about {cast.projected:,.0f} ACUs this cycle "
            f"({cast.projected_low:,.0f}–{cast.projected_high:,.0f}), which ends on "
            f"{_day(cast.last_day)}; no budget or ACU limit is set."
        )
    limit = f"{cast.limit:,.0f} ACU {what.removeprefix('ACU ')}"
    if cast.runs_out is None:
        return (
            f"At this pace {who} uses about {cast.projected:,.0f} ACUs of its {limit} this "
            f"cycle ({cast.projected_low:,.0f}–{cast.projected_high:,.0f}), staying within it."
        )
    if cast.spent >= cast.limit and cast.runs_out is not None:
        return (
            f"{who[0].upper()}{who[1:]} has used {cast.spent:,.0f} ACUs this cycle and reached "
            f"its {limit} on {_day(cast.runs_out)}."
        )
    left = cast.days_left_after_run_out or 0
    plural = "s" * (left != 1)
    when = "on the cycle's last day" if left == 0 else f"{left} day{plural} before the cycle ends"
    early = cast.runs_out_early or cast.runs_out
    late = f"{_day(cast.runs_out_late)}" if cast.runs_out_late else "after the cycle ends"
    span = "" if early == cast.runs_out_late else f" (between {_day(early)} and {late})"
    return f"At this pace {who} reaches its {limit} on {_day(cast.runs_out)}, {when}{span}."
