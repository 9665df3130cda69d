"""Timelines: how sessions ended, where their time went, what runs now, how many ran at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.endings import Bin
from devin_data.frames.availability import api_reason
from ui.connection import current_settings
from ui.filters import current_filters, filtered_sessions
from ui.format import plain
from ui.loaders import messages_frame, sessions_frame
from ui.timelines import messages_section, status_rows
from ui.widgets import chart

SPLIT = ("working", "waiting")
BINS: dict[str, Bin] = {"Per day": "D", "Per week": "W"}

settings = current_settings()
tz = current_filters().tz
sessions = filtered_sessions(sessions_frame(settings))
freq = analytics.pick_freq(sessions["created_at"].min(), sessions["updated_at"].max())
unit = "hour" if freq == "h" else "day"

st.title("Timelines")
st.caption(f"{len(sessions):,} sessions match the filters · times in {tz}")
picked = st.segmented_control("Bins", list(BINS), default="Per day", key="timelines_bin")
bin_freq: Bin = BINS.get(picked or "Per day", "D")

st.subheader("Outcomes over time", help=plain(definition_of("Outcomes over time")))
outcomes = analytics.outcomes_over_time(sessions, tz, bin_freq)
merged_missing = api_reason("has_merged_pr", settings.api_version)
share = None if merged_missing else analytics.merged_share_over_time(sessions, tz, bin_freq)
running = len(sessions) - int(outcomes["sessions"].sum())
notes = [f"{running:,} sessions have not ended and are not counted"] if running else []
if merged_missing:
    notes.append(f"share with a merged PR: {merged_missing}")
if notes:
    sentence = "; ".join(notes)
    st.caption(plain(sentence[:1].upper() + sentence[1:] + "."))
chart(
    charts.outcomes_chart(outcomes, share, bin_freq),
    outcomes,
    key="timeline-outcomes",
    filename="outcomes_over_time.csv",
    empty="No session in these filters has ended.",
)

st.subheader("Working vs waiting on a person", help=plain(definition_of("Working and waiting")))
messages_section(settings, sessions)
messages = analytics.of_sessions(messages_frame(settings), sessions)
spans = analytics.session_spans(messages)
answer = analytics.median_answer_time(messages)
left, middle, right = st.columns(3)
worked, waited = (pd.Timedelta(spans[part].sum()).total_seconds() / 3600 for part in SPLIT)
left.metric("Hours Devin worked", f"{worked:,.1f} h")
middle.metric("Hours waiting on people", f"{waited:,.1f} h")
right.metric(
    "Median time to answer Devin",
    charts.duration_text(answer) if answer is not None else "–",
    help=plain(definition_of("Median time to answer Devin")),
)
st.caption(
    f"From the messages of {len(spans):,} sessions; sessions whose messages are not cached are "
    "left out, time before a session's first or after its last message is not counted, and a "
    "reply within 10 minutes counts as working."
)
days = analytics.working_waiting_per_period(messages, tz, bin_freq)
chart(
    charts.working_waiting_chart(days, bin_freq),
    days,
    key="timeline-working",
    filename="working_and_waiting.csv",
    empty="No cached messages for these sessions yet.",
)
people = analytics.waiting_per_person(messages, sessions)
chart(
    charts.waiting_per_person_chart(people, title="Hours waiting per person (top 10)"),
    people,
    key="timeline-waiting-people",
    filename="waiting_per_person.csv",
    empty="Devin waited on nobody in the cached messages of these sessions.",
)

st.subheader("Status timeline")
status_rows(sessions, tz, freq)

st.subheader("Sessions running at once")
st.caption(
    f"A session runs from its creation to its last update; each {unit} shows the most sessions "
    "that were running at the same moment."
)
concurrent = analytics.concurrency(sessions, tz, freq)
chart(
    charts.concurrency_chart(concurrent, freq),
    concurrent,
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
