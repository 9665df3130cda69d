"""Filtering the sessions frame, the headline KPIs and their comparison with the previous period."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

import numpy as np
import pandas as pd

from devin_data.analytics.measures import KPI_DEFINITIONS, LARGE_SIZES, KpiSpec, Measure, kpis
from devin_data.config import ApiVersion

__all__ = [
    "KPI_DEFINITIONS",
    "LARGE_SIZES",
    "Kpi",
    "KpiSpec",
    "Measure",
    "as_utc",
    "compare_periods",
    "coverage_reason",
    "filter_sessions",
    "kpis",
]


@dataclass(frozen=True)
class Kpi:
    """One KPI for a period next to the same KPI for the period of equal length before it.

    ``reason`` says why no change is shown (None when the periods compare); ``missing`` why there
    is no value at all; ``note`` what the value leaves out. ``delta`` is value − previous (for a
    share, 0.01 is one percentage point) and ``delta_pct`` the relative change.
    """

    name: str
    spec: KpiSpec
    value: float | None
    previous: float | None
    delta: float | None
    delta_pct: float | None
    reason: str | None
    missing: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def fmt(self) -> str:
        return self.spec.fmt

    @property
    def comparable(self) -> bool:
        return self.reason is None

    @property
    def formatted(self) -> str:
        """The value with its format applied: "not available" or "—" when there is none."""
        if self.missing is not None:
            return NOT_AVAILABLE
        return "—" if self.value is None else format(self.value, self.fmt)

    @property
    def change(self) -> str | None:
        """The change as the card shows it ("+12%", "-0.8 pp", "+5", "no change"), if any.

        The sign is ASCII so Streamlit reads the direction from it.
        """
        if not self.comparable or self.delta is None:
            return None
        if self.spec.share:
            points = round(self.delta * 100, 1)
            return f"{points:+.1f} pp" if points else NO_CHANGE
        if self.delta_pct is None:
            return format(self.delta, "+" + self.fmt) if self.delta else NO_CHANGE
        return f"{self.delta_pct:+.0%}" if round(self.delta_pct, 2) else NO_CHANGE


NOT_AVAILABLE = "not available"
NO_CHANGE = "no change"


def as_utc(moment: datetime | pd.Timestamp) -> pd.Timestamp:
    """A timezone-aware moment as a UTC Timestamp; naive moments are refused as ambiguous."""
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is None:
        raise ValueError(f"{moment!r} has no timezone; pass an aware datetime")
    return stamp.tz_convert(UTC)


def filter_sessions(
    frame: pd.DataFrame,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    origins: Collection[str] = (),
    categories: Collection[str] = (),
    sizes: Collection[str] = (),
    statuses: Collection[str] = (),
    users: Collection[str] = (),
    tags: Collection[str] = (),
    search: str = "",
    repositories: Collection[str] = (),
) -> pd.DataFrame:
    """Sessions created in [start, end) matching every non-empty filter (values OR'ed within one).

    ``users`` matches user_id or service_user_id, ``tags`` keeps sessions with any of the tags and
    ``search`` is a case-insensitive plain substring of the title or the session id;
    ``repositories`` keeps sessions with a pull request in any of them.
    """
    mask = np.ones(len(frame), dtype=bool)
    if start is not None:
        mask &= (frame["created_at"] >= as_utc(start)).to_numpy()
    if end is not None:
        mask &= (frame["created_at"] < as_utc(end)).to_numpy()
    for column, wanted in (
        ("origin", origins),
        ("category", categories),
        ("session_size", sizes),
        ("status", statuses),
    ):
        if wanted:
            mask &= frame[column].isin(list(wanted)).to_numpy()
    if users:
        chosen = list(users)
        by_user = frame["user_id"].isin(chosen) | frame["service_user_id"].isin(chosen)
        mask &= by_user.to_numpy()
    if tags:
        wanted_tags = set(tags)
        mask &= np.array([not wanted_tags.isdisjoint(row) for row in frame["tags"]], dtype=bool)
    if repositories:
        mask &= _any_of(frame["pr_repos"], set(repositories))
    if search.strip():
        needle = search.strip()
        hits = frame["title"].str.contains(needle, case=False, regex=False, na=False)
        hits |= frame["session_id"].str.contains(needle, case=False, regex=False, na=False)
        mask &= hits.to_numpy(dtype=bool)
    # take() by position copies the kept rows sooner than indexing with the mask does.
    return frame.take(np.flatnonzero(mask))


def _any_of(lists: pd.Series, wanted: set[str]) -> np.ndarray:
    """Rows whose tuple shares a value with ``wanted``, decided once per distinct tuple."""
    codes, distinct = pd.factorize(lists)
    hits = np.array([not wanted.isdisjoint(row) for row in distinct], dtype=bool)
    return hits[codes] if len(codes) else np.zeros(0, dtype=bool)


def coverage_reason(
    previous_start: pd.Timestamp, coverage_start: datetime | None, tz: str | tzinfo = "UTC"
) -> str | None:
    """Why the previous period cannot be compared, or None when synced data covers all of it.

    The day synced data starts from is the viewer's local day in ``tz``.
    """
    if coverage_start is None or as_utc(coverage_start) <= previous_start:
        return None
    synced = as_utc(coverage_start).tz_convert(tz).strftime("%Y-%m-%d")
    return f"previous period not fully covered by synced data (synced from {synced})"


def _comparison_reason(now: Measure, before: Measure, coverage: str | None) -> str | None:
    if now.missing is not None:
        return now.missing
    if coverage is not None:
        return coverage
    if before.missing is not None:
        return f"previous period: {before.missing}"
    if before.value is None:
        return "no sessions in the previous period"
    if now.value is None:
        return "no sessions in this period"
    return None


def _kpi(name: str, now: Measure, before: Measure, coverage: str | None) -> Kpi:
    reason = _comparison_reason(now, before, coverage)
    value, previous = now.value, before.value
    delta = None if reason is not None or value is None or previous is None else value - previous
    delta_pct = delta / previous if delta is not None and previous else None
    spec = KPI_DEFINITIONS[name]
    return Kpi(name, spec, value, previous, delta, delta_pct, reason, now.missing, now.note)


def compare_periods(
    frame: pd.DataFrame,
    start: datetime,
    end: datetime,
    coverage_start: datetime | None,
    *,
    api: ApiVersion = "v3",
    tz: str | tzinfo = "UTC",
) -> list[Kpi]:
    """KPIs of [start, end) against the equally long period right before it, read through ``api``.

    ``frame`` should carry every other filter already but not the date filter. ``coverage_start`` is
    when synced data begins: a previous period starting earlier is not comparable, so its deltas are
    None and ``reason`` says why (``previous`` still holds the partial value).
    """
    begin, finish = as_utc(start), as_utc(end)
    previous_start = begin - (finish - begin)
    now = kpis(filter_sessions(frame, start=begin, end=finish), api)
    before = kpis(filter_sessions(frame, start=previous_start, end=begin), api)
    reason = coverage_reason(previous_start, coverage_start, tz)
    return [_kpi(name, now[name], before[name], reason) for name in KPI_DEFINITIONS]
