"""Run-out forecast of a billing cycle from the daily billed ACUs, weekday by weekday.

Billing days are those of :mod:`devin_data.models.billing` (from 08:00 UTC, named by the UTC date
of their start). The burn of each weekday is the mean of that weekday's complete billing
days over the last weeks (up to eight), with a range from their low and high quantiles, so a
quiet weekend is not projected like a busy Tuesday. ``now`` is always given by the caller.

A forecast says what it rests on (:func:`footing_sentence`: the days of this cycle observed, the
pace and the days it comes from). When this cycle so far has billed little or nothing against
what that pace expected for the same days (:data:`QUIET_SHARE`), the pace is the previous weeks',
not this cycle's: the forecast is *quiet* and projects nothing beyond what is billed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import numpy as np

from devin_data.models.billing import billing_day, day_start

WEEKS = 8
# A cycle that has billed less than this share of what the pace expected for its days so far is
# quiet: the pace (mostly the previous cycle's days) says nothing of it, so nothing is projected.
QUIET_SHARE = 0.2
LOW_QUANTILE, HIGH_QUANTILE = 0.2, 0.8
Daily = Mapping[date, float]  # billed ACUs per billing day


@dataclass(frozen=True)
class Burn:
    """Billed ACUs per day, per weekday (Monday first): expected, low and high."""

    mean: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    days: int  # complete billing days the figures rest on
    first: date | None = None  # the first of them
    pace: float = 0.0  # their mean billed ACUs per day


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
    return Burn(mean, low, high, len(days), days[0], float(values.mean()))


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
    observed_days: int = 0  # complete billing days of this cycle before today
    expected_so_far: float = 0.0  # what the pace would have billed of this cycle by now
    pace: float = 0.0  # the mean billed ACUs per day the projection uses
    pace_from: date | None = None  # the first of the days the pace comes from
    pace_to: date | None = None  # the last of them

    @property
    def quiet(self) -> bool:
        """This cycle has billed little or nothing against what the pace expected of it so far
        (with a complete day of it observed), so the pace is not this cycle's."""
        return (
            self.observed_days >= 1
            and self.expected_so_far > 0
            and self.spent < QUIET_SHARE * self.expected_so_far
        )

    @property
    def last_day(self) -> date:
        return self.cycle_end - timedelta(days=1)

    @property
    def days_left_after_run_out(self) -> int | None:
        """Days of the cycle left after the day the limit is reached."""
        return None if self.runs_out is None else (self.last_day - self.runs_out).days

    @property
    def pace_share(self) -> float | None:
        """The projected cycle total as a share of the limit (None for a quiet cycle)."""
        return None if not self.limit or self.quiet else self.projected / self.limit


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
    elapsed = _elapsed(now)
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
    today = billing_day(now)
    observed = [start + timedelta(d) for d in range(max(0, (min(today, end) - start).days))]
    so_far = sum(burn.mean[day.weekday()] for day in observed)
    if start <= today < end:
        so_far += _elapsed(now) * burn.mean[today.weekday()]
    cast = Forecast(
        start, end, spent, expected, low, high, limit, runs_out, early, late, burn.days,
        len(observed), so_far, burn.pace, burn.first, today - timedelta(days=1),
    )  # fmt: skip
    if cast.quiet:  # nothing is projected from a pace this cycle does not show
        return replace(cast, projected=spent, projected_low=spent, projected_high=spent,
                       runs_out=None, runs_out_early=None, runs_out_late=None)  # fmt: skip
    return cast


def _elapsed(now: datetime) -> float:
    """The share of the current billing day already past."""
    return (now.astimezone(UTC) - day_start(billing_day(now))) / timedelta(days=1)


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def forecast_sentence(
    cast: Forecast, who: str = "the organization", what: str = "ACU limit"
) -> str:
    """One plain sentence on where the cycle is heading at the current pace; ``what`` names
    the limit ("ACU limit", "monthly budget"). A quiet cycle says so and projects nothing."""
    if cast.quiet:
        return quiet_sentence(cast, who)
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


def _days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def quiet_sentence(cast: Forecast, who: str = "the organization") -> str:
    """What a quiet cycle shows instead of a projection."""
    billed = "nothing" if cast.spent < 0.5 else f"only {cast.spent:,.0f} ACUs"
    return (
        f"{who[0].upper()}{who[1:]} has billed {billed} in the {_days(cast.observed_days)} of "
        f"this cycle so far, against about {cast.expected_so_far:,.0f} ACUs at the previous "
        f"weeks' pace of {cast.pace:,.0f} ACUs a day: no projection is made from that pace "
        "until this cycle shows its own."
    )


def footing_sentence(cast: Forecast) -> str:
    """What the forecast rests on: the days of this cycle observed and the pace it uses, and
    where that pace comes from."""
    source = f"the {_days(cast.burn_days)} of billing"
    if cast.pace_from is not None and cast.pace_to is not None:
        source += f" from {_day(cast.pace_from)} to {_day(cast.pace_to)}"
    mine = min(cast.observed_days, cast.burn_days)
    if mine < cast.burn_days:
        source += f", {_days(cast.burn_days - mine)} of them before this cycle"
    pace = f"a pace of {cast.pace:,.0f} ACUs a day on average (each weekday's mean over {source})"
    if cast.observed_days == 0:
        begun = "The cycle began today, so no complete day of it is observed"
        return f"{begun}: the projection uses {pace}."
    last = cast.cycle_start + timedelta(cast.observed_days - 1)
    return (
        f"The forecast rests on {_days(cast.observed_days)} of this cycle observed "
        f"({_day(cast.cycle_start)} to {_day(last)}; {cast.spent:,.0f} ACUs billed so far) "
        f"and {pace}."
    )
