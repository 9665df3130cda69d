"""Adoption: active people per day, week and month, and who is new, returning or gone quiet.

People are the human users who created sessions (service users are automations, not adopters).
Active users are counted from the ``metrics/dau|wau|mau`` endpoints when the key may read them
(UTC periods, as the API counts them) and otherwise from the cached sessions (periods in the
viewer's zone); :class:`ActiveUsers` says which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
import pandas as pd

from devin_data.analytics import periods
from devin_data.analytics.kpis import as_utc
from devin_data.analytics.periods import Unit, Window, local_period

Kind = Literal["dau", "wau", "mau"]
KIND_NAMES: dict[Kind, str] = {"dau": "day", "wau": "week", "mau": "month"}
KIND_UNITS: dict[Kind, Unit] = {"dau": "D", "wau": "W", "mau": "M"}
INACTIVE_AFTER = pd.Timedelta(days=30)
FROM_ENDPOINT = "the API's active-user metrics (UTC periods)"
FROM_SESSIONS = "computed from the cached sessions"


@dataclass(frozen=True)
class ActiveUsers:
    """Active users per period (``frame``: period as naive start, active_users int64) and where
    they come from: :data:`FROM_ENDPOINT` or :data:`FROM_SESSIONS`, with why not the endpoint."""

    frame: pd.DataFrame
    source: str
    why_computed: str | None = None


def humans(frame: pd.DataFrame) -> pd.DataFrame:
    """The sessions people created (not service users), with a user id."""
    return frame[(~frame["is_service"].to_numpy(dtype=bool)) & frame["user_id"].notna().to_numpy()]


def period_start(moments: pd.Series, kind: Kind, tz: str) -> pd.Series:
    """The start of each moment's local day, Monday-started week or calendar month in ``tz``."""
    return local_period(moments, KIND_UNITS[kind], tz)


def computed_active(frame: pd.DataFrame, kind: Kind, tz: str = "UTC") -> pd.DataFrame:
    """Distinct people who created a session in each period that has one, oldest first."""
    people = humans(frame)
    period_codes, periods = pd.factorize(period_start(people["created_at"], kind, tz), sort=True)
    users, _ = pd.factorize(people["creator_code"].to_numpy())
    width = int(users.max()) + 1 if len(users) else 1
    pairs = np.unique(period_codes.astype("int64") * width + users)
    counts = np.bincount(pairs // width, minlength=len(periods)).astype("int64")
    return pd.DataFrame({"period": pd.DatetimeIndex(periods).as_unit("ns"), "active_users": counts})


def endpoint_active(rows: Sequence[Sequence[int]]) -> pd.DataFrame:
    """``[start_time, end_time, active_users]`` rows of the API as the same frame (UTC starts)."""
    starts = np.array([row[0] for row in rows], dtype="int64")
    counts = np.array([row[2] for row in rows], dtype="int64")
    period = pd.to_datetime(starts, unit="s").as_unit("ns")
    return pd.DataFrame({"period": period, "active_users": counts})


def active_users(
    frame: pd.DataFrame,
    kind: Kind,
    tz: str,
    endpoint: Sequence[Sequence[int]] | None,
    why_not: str | None = None,
) -> ActiveUsers:
    """The endpoint's figures when it gave any, else the figures computed from ``frame``."""
    if endpoint is not None:
        return ActiveUsers(endpoint_active(endpoint), FROM_ENDPOINT)
    return ActiveUsers(computed_active(frame, kind, tz), FROM_SESSIONS, why_not)


def within(frame: pd.DataFrame, window: Window) -> pd.DataFrame:
    """The sessions created inside the window [start, end), so a period the range cuts counts
    only its days in the range."""
    created = frame["created_at"]
    keep = created.notna().to_numpy().copy()
    start, end = window
    if start is not None:
        keep &= (created >= as_utc(start)).to_numpy()
    if end is not None:
        keep &= (created < as_utc(end)).to_numpy()
    return frame[keep]


def active_series(series: ActiveUsers, kind: Kind, tz: str, window: Window) -> pd.DataFrame:
    """The active users to draw: periods of the window only, marked partial where the window
    cuts them (the API's periods are UTC ones), the first point moved to the range's start."""
    zone = "UTC" if series.source == FROM_ENDPOINT else tz
    unit = KIND_UNITS[kind]
    frame = periods.mark(series.frame, unit, zone, window)
    frame = frame[frame["in_range"].to_numpy() > 0]
    return periods.clip_to(frame, window[0], zone).reset_index(drop=True)


@dataclass(frozen=True)
class Adoption:
    """Who was active in a period and how: user ids of each group, and their counts."""

    active: frozenset[str]
    new: frozenset[str]
    returning: frozenset[str]
    inactive: frozenset[str]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ("active", "new", "returning")} | {
            "inactive": len(self.inactive)
        }


def adoption(frame: pd.DataFrame, start: datetime | None, end: datetime) -> Adoption:
    """People active in ``[start, end)``, new (first session in it), returning (one before it)
    and inactive (a session before ``end`` but none in the 30 days up to it).

    ``frame`` holds every cached session matching the filters but the dates, so a first session
    is a person's first anywhere in the cache.
    """
    people = humans(frame)
    finish = as_utc(end)
    codes, _ = pd.factorize(people["creator_code"].to_numpy())  # integers: strings hash slowly
    ids = people["creator_id"].take(np.unique(codes, return_index=True)[1])
    created = people["created_at"].to_numpy(dtype="datetime64[ns]")
    first = pd.Series(created).groupby(codes).min().reindex(range(len(ids))).to_numpy()
    before = created < finish.to_datetime64()
    last = pd.Series(created[before]).groupby(codes[before]).max().reindex(range(len(ids)))
    begin = as_utc(start).to_datetime64() if start is not None else first.min()
    in_period = (created >= begin) & before
    active = np.zeros(len(ids), dtype=bool)
    active[codes[in_period]] = True
    new = active & (first >= begin)
    quiet = (last < (finish - INACTIVE_AFTER).to_datetime64()).to_numpy(dtype=bool)
    named = np.asarray(ids, dtype=object)
    return Adoption(
        frozenset(named[active]),
        frozenset(named[new]),
        frozenset(named[active & ~new]),
        frozenset(named[quiet]),
    )
