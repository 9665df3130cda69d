"""Periods of every time series: local days, Monday-started weeks and calendar months, and how
much of each the selected range and the present cover.

One place for every page: a period starts at local midnight in the viewer's zone (a week on
Monday, a month on the 1st) and is given as a naive wall-clock time, as charts show it. Its
coverage is measured in real time, so a day of a DST change is 23 or 25 hours long and a zone
half an hour off UTC cuts at its own midnight. A period the range or ``now`` cuts short is
*partial*: it is drawn hatched or hollow, its hover says ``partial: 2 of 7 days`` and every
download of the series carries ``in_range`` (the share covered) and ``partial``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from devin_data.frames.columns import wall

Unit = Literal["h", "D", "W", "M"]
# Shares drawn per period rest on at least this many sessions to be joined by a line; periods
# with fewer are drawn as hollow markers only, so one session never reads as a 100% trend.
MIN_SESSIONS = 3
_NAMES = {"h": "hour", "D": "day", "W": "week", "M": "month"}
_LENGTHS = {"h": pd.Timedelta(hours=1), "D": pd.Timedelta(days=1), "W": pd.Timedelta(days=7)}


def unit_name(unit: str) -> str:
    """``day``, ``week`` or ``month``."""
    return _NAMES[unit]


def period_start(local: pd.Series, unit: str) -> pd.Series:
    """The start of the local hour, day, Monday-started week or month of naive wall-clock
    times."""
    if unit == "h":
        hour: pd.Series = local.dt.floor("h")
        return hour
    day: pd.Series = local.dt.normalize()
    if unit == "W":
        day = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    elif unit == "M":
        day = day - pd.to_timedelta(day.dt.day - 1, unit="D")
    return day


def local_period(moments: pd.Series, unit: str, tz: str) -> pd.Series:
    """The local period start of each UTC timestamp, in ``tz``."""
    return period_start(wall(moments, tz), unit)


def next_start(starts: pd.DatetimeIndex, unit: str) -> pd.DatetimeIndex:
    """The start of the period after each period start."""
    if unit == "M":
        return (starts + pd.offsets.MonthBegin(1)).as_unit("ns")
    return (starts + _LENGTHS[unit]).as_unit("ns")


def calendar(first: pd.Timestamp, last: pd.Timestamp, unit: str) -> pd.DatetimeIndex:
    """Every period start from the period of ``first`` to that of ``last`` (naive times)."""
    ends = period_start(pd.Series([first, last]), unit)
    step = {"h": "h", "D": "D", "W": "7D", "M": "MS"}[unit]
    return pd.date_range(ends.iloc[0], ends.iloc[1], freq=step).as_unit("ns")


def wall_to_utc_ns(naive: pd.DatetimeIndex, tz: str) -> npt.NDArray[np.int64]:
    """Epoch nanoseconds of local wall-clock times (repeated hours: the later; gaps: shifted on)."""
    local = naive.tz_localize(
        tz, ambiguous=np.zeros(len(naive), dtype=bool), nonexistent="shift_forward"
    )
    return np.asarray(local.tz_convert("UTC").as_unit("ns").asi8, dtype="int64")


def _epoch(moment: datetime) -> int:
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return int(stamp.as_unit("ns").value)


def span_coverage(
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    start: datetime | None,
    end: datetime | None,
) -> npt.NDArray[np.float64]:
    """Share (0..1) of each span [starts, ends) of epoch nanoseconds inside [start, end)."""
    first = starts if start is None else np.maximum(starts, _epoch(start))
    last = ends if end is None else np.minimum(ends, _epoch(end))
    length = np.maximum(ends - starts, 1).astype("float64")
    share = np.clip((last - first) / length, 0.0, 1.0)
    # A wall-clock hour a DST change skips has no length: whole when it lies in the window.
    inside = (first <= starts) & (starts < (np.iinfo("int64").max if end is None else _epoch(end)))
    return np.asarray(np.where(ends > starts, share, inside.astype("float64")), dtype="float64")


def coverage(
    periods: pd.DatetimeIndex, unit: str, tz: str, start: datetime | None, end: datetime | None
) -> npt.NDArray[np.float64]:
    """Share of each local period (naive starts in ``tz``) that [start, end) covers."""
    index = pd.DatetimeIndex(periods).as_unit("ns")
    begins = wall_to_utc_ns(index, tz)
    finishes = wall_to_utc_ns(next_start(index, unit), tz)
    return span_coverage(begins, finishes, start, end)


Window = tuple[datetime | None, datetime | None]


def window_to_now(start: datetime | None, end: datetime | None, now: datetime) -> Window:
    """The selected range up to now, not past it: a period still under way is partial too."""
    return start, now if end is None else min(pd.Timestamp(end), pd.Timestamp(now))


def activity_window(start: datetime | None, now: datetime) -> Window:
    """The window of a series counted by when sessions ended, ran or wrote (not by creation):
    the range's start and now cut it, its end does not, for the sessions created in the range
    go on past it."""
    return start, now


def mark(
    frame: pd.DataFrame, unit: str, tz: str, window: Window, *, column: str = "period"
) -> pd.DataFrame:
    """``frame`` with ``in_range`` (share of its period inside the window [start, end)) and
    ``partial``. The window's end is the earlier of the range's end and now, so a period still
    under way is partial.
    """
    share = coverage(pd.DatetimeIndex(frame[column]), unit, tz, *window)
    return frame.assign(in_range=share, partial=share < 1.0)


def clip_to(
    frame: pd.DataFrame, start: datetime | None, tz: str, column: str = "period"
) -> pd.DataFrame:
    """``frame`` with each period that began before ``start`` moved to ``start`` (local time), so
    a line's first point never lies before the range."""
    if start is None or frame.empty:
        return frame
    local = wall(pd.Series([pd.Timestamp(start)]).dt.tz_convert("UTC"), tz).iloc[0]
    return frame.assign(**{column: frame[column].where(frame[column] >= local, local)})


def periods_in(total: float, unit: str, month_days: int = 30) -> tuple[float, int, str]:
    """How a period's length is counted in its note: minutes of an hour, hours of a day, days
    of a week or month."""
    if unit == "h":
        return total * 60, 60, "minutes"
    if unit == "D":
        return total * 24, 24, "hours"
    if unit == "W":
        return total * 7, 7, "days"
    return total * month_days, month_days, "days"


def partial_note(share: float, unit: str, month_days: int = 30) -> str:
    """``partial: 2 of 7 days`` for a period the range or now covers in part; "" when whole."""
    if share >= 1.0:
        return ""
    covered, whole, what = periods_in(share, unit, month_days)
    amount = f"{covered:.0f}" if abs(covered - round(covered)) < 0.05 else f"{covered:.1f}"
    return f"partial: {amount} of {whole} {what}"


def notes(frame: pd.DataFrame, unit: str, column: str = "period") -> list[str]:
    """The partial note of each row of a :func:`mark`-ed frame ("" for whole periods)."""
    days = pd.DatetimeIndex(frame[column]).days_in_month
    return [
        partial_note(float(share), unit, int(n))
        for share, n in zip(frame["in_range"], days, strict=True)
    ]
