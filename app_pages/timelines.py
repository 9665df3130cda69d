"""Timelines: how sessions ended, where their time went, what runs now, how many ran at once."""

from __future__ import annotations

import streamlit as st

from devin_data import analytics, charts
from devin_data.analytics import periods
from devin_data.analytics.endings import Bin
from ui.components.widgets import chart
from ui.sections.timelines import outcomes_section, status_rows, working_section
from ui.state.context import page_context

BINS: dict[str, Bin] = {"Per day": "D", "Per week": "W"}

ctx = page_context()
sessions = ctx.filtered
freq = analytics.pick_freq(sessions["created_at"].min(), sessions["updated_at"].max())
unit = "hour" if freq == "h" else "day"

st.title("Timelines")
st.caption(f"{len(sessions):,} sessions match the filters · times in {ctx.tz}")
picked = st.segmented_control("Bins", list(BINS), default="Per day", key="timelines_bin")
bin_freq: Bin = BINS.get(picked or "Per day", "D")
outcomes_section(ctx, bin_freq)
working_section(ctx, bin_freq)

st.subheader("Status timeline")
window = periods.activity_window(ctx.window[0], ctx.now)
status_rows(sessions, ctx.tz, freq, window)

st.subheader("Sessions running at once")
st.caption(
    f"A session runs from its creation to its last update; each {unit} shows the most sessions "
    "that were running at the same moment."
)
concurrent = periods.mark(analytics.concurrency(sessions, ctx.tz, freq), freq, ctx.tz, window)
chart(
    charts.concurrency_chart(concurrent, freq),
    concurrent,
    key="timeline-concurrency",
    filename="concurrent_sessions.csv",
)

st.subheader("When sessions are created")
cells = analytics.weekday_hour(sessions, ctx.tz)
chart(
    charts.weekday_hour_heatmap(cells),
    cells if len(sessions) else cells.iloc[:0],
    key="timeline-heatmap",
    filename="sessions_by_weekday_hour.csv",
)
