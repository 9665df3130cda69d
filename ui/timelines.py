"""Timelines glue: the messages behind "working vs waiting", fetched on request, and the status
timeline's rows or their aggregate.

Messages are fetched only for the filtered sessions whose cached messages are missing or older
than the session's last update, :data:`PER_CLICK` at most per click, concurrently, with a progress
bar; they are stored as fetched, so an interrupted fetch keeps its work and the next click resumes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.services import explain
from devin_data.services import sessions as on_demand
from ui.links import open_session
from ui.loaders import workspace
from ui.widgets import chart

PER_CLICK = 300
ROW_LIMIT = 40  # above this many sessions, rows get too thin to read: count them instead
_NOTE = "timelines_fetch_note"


def messages_section(settings: Settings, sessions: pd.DataFrame) -> None:
    """How many sessions' messages are cached, and a button that fetches the missing ones."""
    ws = workspace(settings)
    newest = sessions.sort_values("created_at", ascending=False)["session_id"].astype("str")
    ids = newest.to_list()
    counted = on_demand.messages_coverage(ws, ids)
    todo = on_demand.stale_messages(ws, ids)
    stale = (
        f" ({counted.stale:,} changed since their messages were cached)" if counted.stale else ""
    )
    st.caption(f"{counted.current:,} of {counted.sessions:,} sessions' messages cached{stale}.")
    note = st.session_state.pop(_NOTE, None)
    if note:
        st.caption(note)
    if not todo:
        return
    batch = todo[:PER_CLICK]
    more = f" (the {PER_CLICK:,} newest; click again for the rest)" if len(todo) > PER_CLICK else ""
    label = f"Fetch the messages of {len(batch):,} sessions{more}"
    if st.button(label, key="timelines_fetch_messages", icon=":material/download:"):
        _fetch(settings, batch)


def _fetch(settings: Settings, ids: list[str]) -> None:
    bar = st.progress(0.0, text=f"Fetching the messages of {len(ids):,} sessions…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Messages of {done:,} of {total:,} sessions")

    try:
        result = on_demand.fetch_messages(workspace(settings), ids, progress)
    except DevinError as err:
        bar.empty()
        st.error(explain(err, settings), icon=":material/error:")
        return
    bar.empty()
    if result.error is not None:
        st.error(explain(result.error, settings), icon=":material/error:")
    failed = (
        f"; {result.failed:,} could not be fetched and are left for the next click"
        if result.failed
        else ""
    )
    st.session_state[_NOTE] = f"Fetched the messages of {result.fetched:,} sessions{failed}."
    if result.fetched:
        st.rerun()


def status_rows(sessions: pd.DataFrame, tz: str, freq: analytics.timelines.Freq) -> None:
    """A labelled row per session when there are few; else sessions active per period, plus rows
    for the sessions still running or waiting when those are few."""
    unit = "hour" if freq == "h" else "day"
    if len(sessions) <= ROW_LIMIT:
        _rows(sessions, tz, key="timeline-rows")
        return
    st.caption(
        f"{len(sessions):,} sessions are too many to read one row each (more than {ROW_LIMIT}): "
        f"the chart counts the sessions active in each {unit}, by their status now."
    )
    active = analytics.active_by_status(sessions, tz, freq)
    chart(
        charts.status_area(active, freq, y_title=f"Sessions active per {unit}"),
        active,
        key="timeline-active",
        filename="sessions_active_by_status.csv",
    )
    open_now = sessions[~analytics.ended(sessions).to_numpy()]
    if open_now.empty:
        st.caption("No session in these filters is running or waiting now.")
    elif len(open_now) > ROW_LIMIT:
        st.caption(
            f"{len(open_now):,} sessions are running or waiting now: narrow the filters to see "
            "them row by row."
        )
    else:
        st.caption(f"The {len(open_now):,} sessions running or waiting now:")
        _rows(open_now, tz, key="timeline-open")


def _rows(sessions: pd.DataFrame, tz: str, *, key: str) -> None:
    rows = analytics.recent_sessions(sessions, ROW_LIMIT, tz)
    event = chart(
        charts.status_timeline(rows),
        rows,
        key=key,
        filename="status_timeline.csv",
        select=True,
    )
    picked = charts.selected_keys(event)
    if picked:
        open_session(picked[0][-1])
