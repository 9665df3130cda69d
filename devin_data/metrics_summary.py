"""A few plain-English sentences on a period, for readers who skip the charts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pandas as pd

from devin_data.metrics_breakdowns import distribution
from devin_data.metrics_kpis import Kpi, as_utc, compare_periods, filter_sessions, kpis


def _day(moment: pd.Timestamp) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _words(value: object) -> str:
    return str(value).replace("_", " ")


def _top(frame: pd.DataFrame, column: str) -> tuple[str, float] | None:
    table = distribution(frame, column)
    if table.empty:
        return None
    best = int(table["sessions"].to_numpy().argmax())
    return _words(table["value"].iloc[best]), float(table["share"].iloc[best])


def _period_sentences(frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    """``start`` and ``end`` are in the viewer's zone, so the dates named are the viewer's."""
    first, last = _day(start), _day(end - timedelta(microseconds=1))
    span = f"on {first}" if first == last else f"from {first} to {last}"
    numbers = kpis(frame)
    sessions = len(frame)
    if not sessions:
        return [f"No sessions were created {span}."]
    noun = "session was" if sessions == 1 else "sessions were"
    sentences = [
        f"{sessions:,} {noun} created {span}, using {numbers['acus']:,.1f} ACUs "
        f"({numbers['acus_per_session'] or 0:,.2f} per session)."
    ]
    merged = int(numbers["sessions_with_merged_pr"] or 0)
    sentences.append(
        f"{merged:,} of them ({merged / sessions:.0%}) produced a merged pull request."
    )
    category = _top(frame, "category")
    if category is not None:
        sentences.append(
            f"The most common category was {category[0]} "
            f"({category[1]:.0%} of categorised sessions)."
        )
    origin = _top(frame, "origin")
    if origin is not None:
        sentences.append(f"The most common origin was {origin[0]} ({origin[1]:.0%} of sessions).")
    return sentences


def _change_sentence(kpi: Kpi, days: float) -> str:
    """For example: Sessions rose 12% compared with the previous 30 days (368 → 412)."""
    direction = "rose" if (kpi.delta or 0) > 0 else "fell"
    before = "–" if kpi.previous is None else format(kpi.previous, kpi.fmt)
    # A daylight-saving switch makes a month 23 or 25 hours off whole days; still say "31 days".
    whole = round(days)
    window = "the previous period"
    if abs(days - whole) < 0.1:
        window = "the previous day" if whole == 1 else f"the previous {whole} days"
    return (
        f"{kpi.label} {direction} {abs(kpi.delta_pct or 0):.0%} compared with {window} "
        f"({before} → {kpi.formatted})."
    )


def summary_sentences(
    frame: pd.DataFrame,
    start: datetime,
    end: datetime,
    coverage_start: datetime | None,
    compared: Sequence[Kpi] | None = None,
    *,
    tz: str | None = None,
) -> list[str]:
    """What happened in [start, end) and, when comparable, what changed most against before.

    Dates are local dates in ``tz`` (the viewer's zone, the one the charts use; default: the
    zone ``start`` carries), so a Berlin midnight never reads as the day before.
    ``compared`` is ``compare_periods`` of the same arguments when the caller already has it.
    """
    begin, finish = as_utc(start), as_utc(end)
    current = filter_sessions(frame, start=begin, end=finish)
    zone = tz or pd.Timestamp(start).tzinfo
    sentences = _period_sentences(current, begin.tz_convert(zone), finish.tz_convert(zone))
    movers = [
        kpi
        for kpi in (
            compared
            if compared is not None
            else compare_periods(frame, begin, finish, coverage_start)
        )
        if kpi.comparable and kpi.delta_pct
    ]
    if not movers:
        return sentences
    days = (finish - begin) / pd.Timedelta(days=1)
    biggest = max(movers, key=lambda kpi: abs(kpi.delta_pct or 0))
    sessions = next((kpi for kpi in movers if kpi.name == "sessions"), None)
    for kpi in dict.fromkeys(k for k in (sessions, biggest) if k is not None):
        sentences.append(_change_sentence(kpi, days))
    return sentences
