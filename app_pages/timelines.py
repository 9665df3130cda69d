"""Timelines: when sessions ran, how their statuses moved, how many ran at once, when they start."""

from __future__ import annotations

import streamlit as st

from devin_data import analytics, charts
from ui.connection import current_settings
from ui.filters import current_filters, filtered_sessions
from ui.loaders import sessions_frame, status_history_frame
from ui.widgets import chart

settings = current_settings()
tz = current_filters().tz
sessions = filtered_sessions(sessions_frame(settings))
freq = analytics.pick_freq(sessions["created_at"].min(), sessions["updated_at"].max())
unit = "hour" if freq == "h" else "day"

st.title("Timelines")
st.caption(f"{len(sessions):,} sessions match the filters · times in {tz}")

st.subheader("Status timeline")
limit = st.slider("Most recent sessions to draw", 50, 300, 150, step=10, key="timeline_limit")
recent = analytics.recent_sessions(sessions, limit, tz)
chart(
    charts.status_timeline(recent),
    recent,
    key="timeline-recent",
    filename="recent_sessions.csv",
)
if len(sessions) > limit:
    st.caption(
        f"Drawing the {limit:,} most recently created of {len(sessions):,} sessions, "
        "one bar each from creation to last update."
    )
    if st.toggle(f"Show all {len(sessions):,} as sessions created per {unit}", key="timeline_all"):
        created = analytics.created_by_status(sessions, tz, freq)
        chart(
            charts.status_area(created, freq, y_title=f"Sessions created per {unit}"),
            created,
            key="timeline-created",
            filename="sessions_created_by_status.csv",
        )

st.subheader("Sessions by status over time")
history = analytics.of_sessions(status_history_frame(settings), sessions)
syncs, observations = analytics.history_coverage(history)
st.caption(
    "Each sync records a session's status whenever it changed since the last sync, so this "
    "chart grows from real observations: a session counts from its creation in the first status "
    "seen, then in each later status from when a sync saw it. Every day shows the statuses as "
    f"last observed by its end. Built from {observations:,} observations made at {syncs:,} "
    "sync times" + (" (a single snapshot so far)." if syncs == 1 else ".")
)
by_day = analytics.status_over_time(history, sessions, tz)
chart(
    charts.status_area(by_day, "D", y_title="Sessions at the end of the day"),
    by_day,
    key="timeline-history",
    filename="sessions_by_observed_status.csv",
)

st.subheader("Sessions running at once")
st.caption(
    f"A session runs from its creation to its last update; each {unit} shows the most sessions "
    "that were running at the same moment."
)
running = analytics.concurrency(sessions, tz, freq)
chart(
    charts.concurrency_chart(running, freq),
    running,
    key="timeline-concurrency",
    filename="concurrent_sessions.csv",
)

st.subheader("When sessions are created")
cells = analytics.weekday_hour(sessions, tz)
chart(
    charts.weekday_hour_heatmap(cells),
    cells if len(sessions) else cells.iloc[:0],
    key="timeline-heatmap",
    filename="sessions_by_weekday_hour.csv",
)
