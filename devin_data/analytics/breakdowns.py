"""Aggregates of the sessions frame for charts: per period, value, message bucket and person."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import numpy as np
import pandas as pd

from devin_data.analytics.kpis import as_utc
from devin_data.analytics.periods import coverage, local_period, period_start
from devin_data.frames.activity import MESSAGE_SOURCES
from devin_data.frames.columns import wall

MESSAGE_BUCKETS = ("0", "1", "2", "3–5", "6–10", "11–20", "21–50", "51–100", "101+")
_BUCKET_EDGES = (-0.5, 0.5, 1.5, 2.5, 5.5, 10.5, 20.5, 50.5, 100.5, np.inf)


def sessions_per_period(
    frame: pd.DataFrame,
    freq: Literal["D", "W"] = "D",
    tz: str = "UTC",
    *,
    start: datetime | None = None,
    end: datetime | None = None,
) -> pd.DataFrame:
    """Sessions created per day or week and status, zero-filled over the whole range.

    Periods start at midnight in ``tz`` (weeks on Monday) and are given as wall-clock times there
    (``period`` is datetime64[ns] without a zone, so charts show local dates). ``start``/``end``
    widen the zero-filled range to the selected dates. ``in_range`` is the share of each period
    that [start, end) covers: below 1 for a first or last week cut by the range (or a period not
    over yet when ``end`` is now), whose count is not comparable with a whole period's; such a
    period is ``partial`` (see :mod:`devin_data.analytics.periods`).
    Columns: period, status (category of the statuses present, in status order),
    sessions (int64), in_range (float64), partial (bool).
    """
    if freq not in ("D", "W"):
        raise ValueError(f"freq must be 'D' or 'W', not {freq!r}")
    periods = local_period(frame["created_at"], freq, tz)
    bounds = [periods.min(), periods.max()] if periods.notna().any() else []
    # end is exclusive: a range ending at midnight does not reach into the next day.
    for moment in (start, None if end is None else as_utc(end) - pd.Timedelta(1, "ns")):
        if moment is not None:
            bounds.append(period_start(_wall_of(moment, tz), freq).iloc[0])
    statuses = frame["status"].cat.remove_unused_categories().cat.categories
    if not bounds or statuses.empty:
        return _per_period_frame(pd.DatetimeIndex([], dtype="datetime64[ns]"), statuses, [], [])
    calendar = pd.date_range(min(bounds), max(bounds), freq="D" if freq == "D" else "7D")
    counts = frame.groupby([periods.rename("period"), frame["status"]], observed=True).size()
    grid = pd.MultiIndex.from_product([calendar, statuses], names=["period", "status"])
    filled = counts.reindex(grid, fill_value=0)
    share = coverage(calendar, freq, tz, start, end)
    return _per_period_frame(calendar, statuses, filled.to_numpy(), share)


def _wall_of(moment: datetime, tz: str) -> pd.Series:
    return wall(pd.Series([as_utc(moment)]).dt.as_unit("ns"), tz)


def _per_period_frame(
    calendar: pd.DatetimeIndex, statuses: pd.Index, counts: object, share: object
) -> pd.DataFrame:
    dtype = pd.CategoricalDtype(statuses)
    return pd.DataFrame(
        {
            "period": calendar.repeat(len(statuses)).as_unit("ns"),
            "status": pd.Categorical(np.tile(statuses.to_numpy(), len(calendar)), dtype=dtype),
            "sessions": np.asarray(counts, dtype="int64"),
            "in_range": np.repeat(np.asarray(share, dtype="float64"), len(statuses)),
            "partial": np.repeat(np.asarray(share, dtype="float64") < 1.0, len(statuses)),
        }
    )


def distribution(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Sessions, ACUs and share of sessions per value of ``column`` (missing values left out).

    Categorical columns keep their category order and drop values without sessions; other columns
    are sorted by sessions, most first. Tuple columns (tags, pr_states) count each session once per
    value, and share is then relative to sessions having any value. ``acus`` sums the sessions that
    report ACUs and is NaN where none does.
    Columns: value, sessions (int64), acus (float64), share (float64).
    """
    values = frame[column]
    work = pd.DataFrame({"value": values, "acus": frame["acus_consumed"]})
    if values.dtype == object:
        work = work.explode("value").dropna(subset=["value"])
        work = work.astype({"value": "str", "acus": "float64"})
    present = work.dropna(subset=["value"])
    total = present.index.nunique()
    by_value = present.groupby("value", observed=True, sort=True)["acus"]
    grouped = pd.DataFrame({"sessions": by_value.size(), "acus": by_value.sum(min_count=1)})
    out = grouped.reset_index().astype({"sessions": "int64", "acus": "float64"})
    if isinstance(out["value"].dtype, pd.CategoricalDtype):
        out["value"] = out["value"].cat.remove_unused_categories()
    else:
        out = out.sort_values(["sessions", "value"], ascending=[False, True], kind="stable")
    out["share"] = out["sessions"] / total if total else np.zeros(len(out))
    return out.reset_index(drop=True)


def message_histogram(frame: pd.DataFrame) -> pd.DataFrame:
    """Sessions per message-count bucket, for user and Devin messages side by side.

    Columns: source (category user/devin), messages (ordered category of bucket labels such as
    "3–5"), sessions (int64). Buckets past the last non-empty one are left out.
    """
    labels = pd.CategoricalDtype(list(MESSAGE_BUCKETS), ordered=True)
    counts = []
    for column in ("num_user_messages", "num_devin_messages"):
        values = frame[column].dropna().to_numpy(dtype="float64")
        buckets = pd.cut(values, _BUCKET_EDGES, labels=list(MESSAGE_BUCKETS))
        counts.append(pd.Series(buckets).value_counts(sort=False).reindex(MESSAGE_BUCKETS))
    table = np.vstack([c.fillna(0).to_numpy(dtype="int64") for c in counts])
    used = np.flatnonzero(table.sum(axis=0))
    width = int(used.max()) + 1 if used.size else 0
    return pd.DataFrame(
        {
            "source": pd.Categorical(np.repeat(MESSAGE_SOURCES, width), categories=MESSAGE_SOURCES),
            "messages": pd.Categorical(list(MESSAGE_BUCKETS[:width]) * 2, dtype=labels),
            "sessions": table[:, :width].reshape(-1).astype("int64"),
        }
    )
