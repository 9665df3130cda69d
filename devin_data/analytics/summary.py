"""A few plain-English sentences on a period, for readers who skip the charts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pandas as pd

from devin_data.analytics.breakdowns import distribution
from devin_data.analytics.kpis import (
    NO_CHANGE,
    Kpi,
    Measure,
    as_utc,
    compare_periods,
    filter_sessions,
    kpis,
)
from devin_data.config import ApiVersion
from devin_data.frames.availability import api_reason
from devin_data.text.labels import label


def _day(moment: pd.Timestamp) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _top(frame: pd.DataFrame, column: str) -> tuple[str, float] | None:
    table = distribution(frame, column)
    if table.empty:
        return None
    best = int(table["sessions"].to_numpy().argmax())
    return label(table["value"].iloc[best]), float(table["share"].iloc[best])


def _usage_sentence(numbers: dict[str, Measure], sessions: int, span: str) -> str:
    """How many sessions and ACUs; ACUs that were not reported are said so, never added as 0."""
    noun = "session was" if sessions == 1 else "sessions were"
    acus, per_session = numbers["acus"], numbers["acus_per_session"]
    if acus.missing is not None or acus.value is None:
        return f"{sessions:,} {noun} created {span}; their ACUs are {acus.missing}."
    left_out = f"; {acus.note}" if acus.note else ""
    return (
        f"{sessions:,} {noun} created {span}, using {acus.value:,.2f} ACUs "
        f"({per_session.value or 0:,.2f} per session{left_out})."
    )


def _merged_sentence(frame: pd.DataFrame, merged: Measure) -> str:
    """Merged pull requests; where their states are unknown, only that a PR was opened."""
    sessions = len(frame)
    if merged.missing is not None or merged.value is None:
        with_pr = int((frame["pr_count"] > 0).sum())
        return (
            f"{with_pr:,} of them ({with_pr / sessions:.1%}) opened a pull request; "
            f"whether it was merged is {merged.missing}."
        )
    count = int(merged.value)
    left_out = f" ({merged.note})" if merged.note else ""
    return f"{count:,} of them ({count / sessions:.1%}) produced a merged pull request{left_out}."


def _category_sentence(frame: pd.DataFrame, api: ApiVersion) -> str | None:
    reason = api_reason("category", api)
    if reason is not None:
        return f"Categories are {reason}."
    category = _top(frame, "category")
    if category is None:
        return None
    return (
        f"The most common category was {category[0]} ({category[1]:.1%} of categorised sessions)."
    )


def _period_sentences(
    frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, api: ApiVersion
) -> list[str]:
    """``start`` and ``end`` are in the viewer's zone, so the dates named are the viewer's."""
    first, last = _day(start), _day(end - timedelta(microseconds=1))
    span = f"on {first}" if first == last else f"from {first} to {last}"
    numbers = kpis(frame, api)
    sessions = len(frame)
    if not sessions:
        return [f"No sessions were created {span}."]
    sentences = [
        _usage_sentence(numbers, sessions, span),
        _merged_sentence(frame, numbers["sessions_with_merged_pr"]),
    ]
    category = _category_sentence(frame, api)
    if category is not None:
        sentences.append(category)
    origin = _top(frame, "origin")
    if origin is not None:
        sentences.append(f"The most common origin was {origin[0]} ({origin[1]:.1%} of sessions).")
    return sentences


def _change_sentence(kpi: Kpi, days: float) -> str:
    """E.g. "Sessions rose 12% compared with the previous 30 days (368 → 412)"; shares in pp."""
    direction = "rose" if (kpi.delta or 0) > 0 else "fell"
    size = (
        f"{abs(kpi.delta or 0) * 100:.1f} pp"
        if kpi.spec.share
        else f"{abs(kpi.delta_pct or 0):.0%}"
    )
    before = "—" if kpi.previous is None else format(kpi.previous, kpi.fmt)
    # A daylight-saving switch makes a month 23 or 25 hours off whole days; still say "31 days".
    whole = round(days)
    window = "the previous period"
    if abs(days - whole) < 0.1:
        window = "the previous day" if whole == 1 else f"the previous {whole} days"
    return f"{kpi.label} {direction} {size} compared with {window} ({before} → {kpi.formatted})."


def summary_sentences(
    frame: pd.DataFrame,
    start: datetime,
    end: datetime,
    coverage_start: datetime | None,
    compared: Sequence[Kpi] | None = None,
    *,
    api: ApiVersion = "v3",
    tz: str | None = None,
) -> list[str]:
    """What happened in [start, end) and, when comparable, what changed most against before.

    Dates are local dates in ``tz`` (the viewer's zone, the one the charts use; default: the
    zone ``start`` carries), so a Berlin midnight never reads as the day before.
    ``compared`` is ``compare_periods`` of the same arguments when the caller already has it;
    ``api`` is the API the data came from, so figures it cannot report are said to be missing.
    """
    begin, finish = as_utc(start), as_utc(end)
    current = filter_sessions(frame, start=begin, end=finish)
    zone = tz or pd.Timestamp(start).tzinfo or "UTC"
    sentences = _period_sentences(current, begin.tz_convert(zone), finish.tz_convert(zone), api)
    movers = [
        kpi
        for kpi in (
            compared
            if compared is not None
            else compare_periods(frame, begin, finish, coverage_start, api=api, tz=zone)
        )
        if kpi.comparable and kpi.delta_pct and kpi.change != NO_CHANGE
    ]
    if not movers:
        return sentences
    days = (finish - begin) / pd.Timedelta(days=1)
    biggest = max(movers, key=lambda kpi: abs(kpi.delta_pct or 0))
    sessions = next((kpi for kpi in movers if kpi.name == "sessions"), None)
    for kpi in dict.fromkeys(k for k in (sessions, biggest) if k is not None):
        sentences.append(_change_sentence(kpi, days))
    return sentences
