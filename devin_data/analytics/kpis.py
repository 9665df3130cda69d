"""Filtering the sessions frame, the headline KPIs and their comparison with the previous period."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd

LARGE_SIZES = ("l", "xl")

# name -> (label, format spec); the order is the order the dashboard shows them in.
KPI_DEFINITIONS: dict[str, tuple[str, str]] = {
    "sessions": ("Sessions", ",.0f"),
    "acus": ("ACUs consumed", ",.1f"),
    "acus_per_session": ("ACUs per session", ",.2f"),
    "sessions_with_merged_pr": ("Sessions with a merged PR", ",.0f"),
    "median_user_messages": ("Median user messages", ",.1f"),
    "share_large": ("Large sessions (l/xl)", ".0%"),
    "share_with_insights": ("Sessions with insights", ".0%"),
}


@dataclass(frozen=True)
class Kpi:
    """One KPI for a period next to the same KPI for the period of equal length before it."""

    name: str
    label: str
    value: float | None
    previous: float | None
    delta: float | None
    delta_pct: float | None
    comparable: bool
    reason: str | None
    fmt: str

    @property
    def formatted(self) -> str:
        """The value with its format spec applied ("–" when there is no value)."""
        return "–" if self.value is None else format(self.value, self.fmt)


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
) -> pd.DataFrame:
    """Sessions created in [start, end) matching every non-empty filter (values OR'ed within one).

    ``users`` matches user_id or service_user_id, ``tags`` keeps sessions with any of the tags and
    ``search`` is a case-insensitive plain substring of the title or the session id.
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
    if search.strip():
        needle = search.strip()
        hits = frame["title"].str.contains(needle, case=False, regex=False, na=False)
        hits |= frame["session_id"].str.contains(needle, case=False, regex=False, na=False)
        mask &= hits.to_numpy(dtype=bool)
    return frame[mask]


def _share(hits: pd.Series) -> float | None:
    return float(hits.mean()) if len(hits) else None


def kpis(frame: pd.DataFrame) -> dict[str, float | None]:
    """Headline numbers of a sessions frame; None where a number is undefined (no sessions)."""
    sessions = len(frame)
    acus = float(frame["acus_consumed"].sum())
    user_messages = frame["num_user_messages"].dropna()
    sizes = frame["session_size"].dropna()
    return {
        "sessions": sessions,
        "acus": acus,
        "acus_per_session": acus / sessions if sessions else None,
        "sessions_with_merged_pr": int((frame["prs_merged"] > 0).sum()),
        "median_user_messages": float(user_messages.median()) if len(user_messages) else None,
        "share_large": _share(sizes.isin(LARGE_SIZES)),
        "share_with_insights": _share(frame["has_analysis"]),
    }


def coverage_reason(previous_start: pd.Timestamp, coverage_start: datetime | None) -> str | None:
    """Why the previous period cannot be compared, or None when synced data covers all of it."""
    if coverage_start is None or as_utc(coverage_start) <= previous_start:
        return None
    synced = as_utc(coverage_start).strftime("%Y-%m-%d")
    return f"previous period not fully covered by synced data (synced from {synced})"


def _kpi(name: str, value: float | None, previous: float | None, reason: str | None) -> Kpi:
    if reason is None and previous is None:
        reason = "no sessions in the previous period"
    if reason is None and value is None:
        reason = "no sessions in this period"
    delta = None if reason is not None or value is None or previous is None else value - previous
    delta_pct = delta / previous if delta is not None and previous else None
    label, fmt = KPI_DEFINITIONS[name]
    return Kpi(name, label, value, previous, delta, delta_pct, reason is None, reason, fmt)


def compare_periods(
    frame: pd.DataFrame, start: datetime, end: datetime, coverage_start: datetime | None
) -> list[Kpi]:
    """KPIs of [start, end) against the equally long period right before it.

    ``frame`` should carry every other filter already but not the date filter. ``coverage_start`` is
    when synced data begins: a previous period starting earlier is not comparable, so its deltas are
    None and ``reason`` says why (``previous`` still holds the partial value).
    """
    begin, finish = as_utc(start), as_utc(end)
    previous_start = begin - (finish - begin)
    now = kpis(filter_sessions(frame, start=begin, end=finish))
    before = kpis(filter_sessions(frame, start=previous_start, end=begin))
    reason = coverage_reason(previous_start, coverage_start)
    return [_kpi(name, now[name], before[name], reason) for name in KPI_DEFINITIONS]
