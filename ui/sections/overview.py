"""The Overview's shape of the period: sessions per day or week by status, messages per
session, and the sessions by size class, category and origin."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.frames.availability import empty_message
from ui.components.widgets import DEFAULT_EMPTY, chart, partial_caption
from ui.state.context import PageContext


def period_bounds(ctx: PageContext) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The selected period, from the first cached session when it has no start, up to now when
    it has no end."""
    start, end = ctx.window
    if start is None:
        everything = ctx.sessions
        start = everything["created_at"].min() if len(everything) else pd.Timestamp(ctx.now)
    return start, end or pd.Timestamp(ctx.now)


def shape(ctx: PageContext, end: datetime) -> None:
    """The period's sessions over time and their breakdowns, each with its download."""
    left, right = st.columns([3, 2])
    with left:
        _per_period(ctx, end)
    with right:
        histogram = analytics.message_histogram(ctx.filtered)
        chart(
            charts.message_histogram_chart(histogram, title="Messages per session"),
            histogram,
            key="overview_messages",
            filename="messages_per_session.csv",
            empty=empty_message(ctx.filtered, "num_user_messages", ctx.api) or DEFAULT_EMPTY,
        )
    for column, (dimension, title) in zip(st.columns(3), _BREAKDOWNS, strict=True):
        with column:
            _breakdown(ctx, dimension, title)


_BREAKDOWNS = (
    ("session_size", "By size class"),
    ("category", "By category"),
    ("origin", "By origin"),
)


def _per_period(ctx: PageContext, end: datetime) -> None:
    grain = st.segmented_control("Per", ["Day", "Week"], default="Day", key="overview_grain")
    unit = "week" if grain == "Week" else "day"
    # Up to now, not to the end of today: a period still under way is partial too.
    freq: Literal["D", "W"] = "W" if unit == "week" else "D"
    last = min(end, ctx.now)
    per_period = analytics.sessions_per_period(
        ctx.filtered, freq, ctx.tz, start=ctx.window[0], end=last
    )
    chart(
        charts.stacked_over_time(
            per_period,
            "period",
            "status",
            "sessions",
            charts.STATUS_COLORS,
            title="Sessions by status",
            unit=freq,
        ),
        per_period,
        key="overview_per_period",
        filename="sessions_per_period.csv",
    )
    partial_caption(per_period, unit)


def _breakdown(ctx: PageContext, dimension: str, title: str) -> None:
    data = analytics.distribution(ctx.filtered, dimension)
    figure = charts.bar_distribution(
        data,
        x="value",
        y="sessions",
        color_map=charts.COLOR_MAPS[dimension],
        title=title,
        x_title="",
        y_title="Sessions",
        dimension=dimension,
        horizontal=dimension != "session_size",
    )
    chart(
        figure,
        data,
        key=f"overview_{dimension}",
        filename=f"sessions_by_{dimension}.csv",
        empty=empty_message(ctx.filtered, dimension, ctx.api) or DEFAULT_EMPTY,
        codes={"value": dimension},
    )
