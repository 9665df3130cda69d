"""Aggregations behind the Timelines page: session rows, sessions active, concurrency, rhythm.

Times come in as UTC and go out as naive wall-clock times in the viewer's zone, so charts show
local days and hours without converting again. Nothing here returns one row per session except
:func:`recent_sessions`, which is capped by its caller.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from devin_data.analytics.periods import wall_to_utc_ns
from devin_data.frames.columns import NEVER, epoch_ns, from_epoch_ns, wall

Freq = Literal["h", "D"]
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHORT_RANGE = pd.Timedelta(days=3)


def pick_freq(start: pd.Timestamp | None, end: pd.Timestamp | None) -> Freq:
    """Hourly buckets for ranges of three days or less, daily ones otherwise (or when unknown)."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return "D"
    return "h" if end - start <= SHORT_RANGE else "D"


def _newest(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The rows created at or after the ``limit``-th latest creation, in frame order.

    Sorting these alone puts the same ``limit`` rows first as sorting the whole frame: every
    other row was created earlier (or at an unknown time, which sorts last).
    """
    created = epoch_ns(frame["created_at"])
    dated = created[created != NEVER]
    if limit == 0:
        return frame.iloc[:0]
    if len(dated) <= limit:
        return frame
    cutoff = np.partition(dated, len(dated) - limit)[len(dated) - limit]
    newest: pd.DataFrame = frame[(created >= cutoff) & (created != NEVER)]
    return newest


def recent_sessions(frame: pd.DataFrame, limit: int, tz: str) -> pd.DataFrame:
    """The ``limit`` most recently created sessions, newest first, with local start and end.

    Columns: session_id, title, status and status_detail (as in the frame), start, end
    (datetime64[ns] wall-clock in ``tz``), duration (timedelta64[ns]).
    """
    limit = max(limit, 0)
    recent = _newest(frame, limit).sort_values(
        ["created_at", "session_id"], ascending=False, kind="stable"
    )
    recent = recent.head(limit)
    out = pd.DataFrame(
        {
            "session_id": recent["session_id"],
            "title": recent["title"],
            "status": recent["status"],
            "status_detail": recent["status_detail"],
            "start": wall(recent["created_at"], tz),
            "end": wall(recent["updated_at"], tz),
            "duration": recent["updated_at"] - recent["created_at"],
        }
    )
    return out.reset_index(drop=True)


def _calendar(first: pd.Timestamp, last: pd.Timestamp, freq: Freq) -> pd.DatetimeIndex:
    return pd.date_range(first.floor(freq), last.floor(freq), freq=freq).as_unit("ns")


def _long(calendar: pd.DatetimeIndex, statuses: pd.Index, counts: npt.ArrayLike) -> pd.DataFrame:
    """Period × status rows (period-major) from a (periods, statuses) count matrix."""
    dtype = pd.CategoricalDtype(statuses)
    return pd.DataFrame(
        {
            "period": calendar.repeat(len(statuses)),
            "status": pd.Categorical(np.tile(statuses.to_numpy(), len(calendar)), dtype=dtype),
            "sessions": np.asarray(counts, dtype="int64").reshape(-1),
        }
    )


def _empty_long() -> pd.DataFrame:
    return _long(pd.DatetimeIndex([], dtype="datetime64[ns]"), pd.Index([], dtype="str"), [])


def active_by_status(frame: pd.DataFrame, tz: str, freq: Freq = "D") -> pd.DataFrame:
    """Sessions active at some moment of each local hour or day, by current status, zero-filled.

    A session is active from its creation to its last update (a session without a later update,
    at its creation only); sessions created at an unknown time are left out. Columns: period
    (datetime64[ns] wall-clock start), status (category of the statuses present), sessions.
    """
    dated = frame[frame["created_at"].notna()]
    statuses = dated["status"].cat.remove_unused_categories().cat.categories
    if dated.empty or statuses.empty:
        return _empty_long()
    created, updated = dated["created_at"], dated["updated_at"]
    ends = updated.where(updated > created, created)
    local = wall(pd.concat([created, ends]), tz)
    calendar = _calendar(local.min(), local.max(), freq)
    starts = wall_to_utc_ns(calendar, tz)
    first = np.clip(np.searchsorted(starts, epoch_ns(created), side="right") - 1, 0, None)
    last = np.clip(np.searchsorted(starts, epoch_ns(ends), side="right") - 1, 0, None)
    codes = dated["status"].cat.set_categories(statuses).cat.codes.to_numpy()
    delta = np.zeros((len(calendar) + 1, len(statuses)), dtype="int64")
    np.add.at(delta, (first, codes), 1)
    np.add.at(delta, (last + 1, codes), -1)
    return _long(calendar, statuses, delta.cumsum(axis=0)[: len(calendar)])


def _running(frame: pd.DataFrame) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each distinct start or end instant (epoch ns, ascending) and the sessions running after it.

    A session ends when last updated, or at once when that is not after its creation; sessions
    created at an unknown time are left out.
    """
    created, updated = frame["created_at"], frame["updated_at"]
    ends = updated.where(updated > created, created)
    moments = np.concatenate([epoch_ns(created), epoch_ns(ends)])
    steps = np.repeat(np.array([1, -1], dtype="int64"), len(frame))
    known = moments != NEVER
    order = np.argsort(moments[known], kind="stable")
    moments, steps = moments[known][order], steps[known][order]
    firsts = np.flatnonzero(np.concatenate([[True], moments[1:] != moments[:-1]]))
    if not len(moments):
        return moments, steps
    return moments[firsts], np.add.reduceat(steps, firsts).cumsum()


def concurrency(frame: pd.DataFrame, tz: str, freq: Freq = "D") -> pd.DataFrame:
    """Most sessions running at once in each local hour or day, from created_at→updated_at.

    A sweep: +1 at each start, −1 at each end, summed per instant (so a session ending when
    another starts never overlaps it, and zero-length sessions never count), then the running
    level's maximum per period, carried through periods without events.
    Columns: period (datetime64[ns] wall-clock start), running (int64).
    """
    if frame.empty:
        return pd.DataFrame(
            {"period": pd.DatetimeIndex([], dtype="datetime64[ns]"), "running": []}
        ).astype({"running": "int64"})
    times, values = _running(frame)
    local = wall(from_epoch_ns(times), tz)
    calendar = _calendar(local.min(), local.max(), freq)
    starts = wall_to_utc_ns(calendar, tz)
    before = np.searchsorted(times, starts, side="right") - 1
    peak = np.where(before >= 0, values[np.maximum(before, 0)], 0)
    bucket = np.clip(np.searchsorted(starts, times, side="right") - 1, 0, None)
    np.maximum.at(peak, bucket, values)
    return pd.DataFrame({"period": calendar, "running": peak.astype("int64")})


def weekday_hour(frame: pd.DataFrame, tz: str) -> pd.DataFrame:
    """Sessions created per local weekday and hour: all 7 × 24 cells, Monday 00h first.

    Columns: weekday (ordered category Mon…Sun), hour (int64 0–23), sessions (int64).
    """
    local = wall(frame["created_at"], tz)
    cells = (local.dt.day_of_week * 24 + local.dt.hour).to_numpy(dtype="int64")
    counts = np.bincount(cells, minlength=7 * 24)
    return pd.DataFrame(
        {
            "weekday": pd.Categorical(
                np.repeat(WEEKDAYS, 24), categories=list(WEEKDAYS), ordered=True
            ),
            "hour": np.tile(np.arange(24, dtype="int64"), 7),
            "sessions": counts.astype("int64"),
        }
    )
