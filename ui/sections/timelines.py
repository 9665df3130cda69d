"""The Timelines page's sections: how sessions ended, where their time went (with the messages
behind it, fetched on request), and the status timeline's rows or their aggregate.

Messages are fetched only for the filtered sessions whose cached messages are missing or older
than the session's last update, :data:`PER_CLICK` at most per click, concurrently, with a progress
bar; they are stored as fetched, so an interrupted fetch keeps its work and the next click resumes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data import analytics, catalogue, charts
from devin_data.analytics import periods
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.endings import Bin, not_counted, with_share
from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.frames.availability import api_reason
from devin_data.services import explain
from devin_data.services import sessions as on_demand
from ui.components.format import plain
from ui.components.widgets import chart, partial_caption
from ui.data import frames
from ui.data.workspace import workspace
from ui.state.context import PageContext
from ui.state.links import open_session

PER_CLICK = 300
ROW_LIMIT = 40  # above this many sessions, rows get too thin to read: count them instead
_NOTE = "timelines_fetch_note"
_UNITS = {"D": "day", "W": "week"}


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


def status_rows(
    sessions: pd.DataFrame,
    tz: str,
    freq: analytics.timelines.Freq,
    window: periods.Window = (None, None),
) -> None:
    """A labelled row per session when there are few; else sessions active per period, plus rows
    for the sessions still running or waiting when those are few. A period the ``window`` cuts
    short is shaded and marked partial."""
    unit = "hour" if freq == "h" else "day"
    if len(sessions) <= ROW_LIMIT:
        _rows(sessions, tz, key="timeline-rows")
        return
    st.caption(
        f"{len(sessions):,} sessions are too many to read one row each (more than {ROW_LIMIT}): "
        f"the chart counts the sessions active in each {unit}, by their status now."
    )
    active = periods.mark(analytics.active_by_status(sessions, tz, freq), freq, tz, window)
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


def outcomes_section(ctx: PageContext, bin_freq: Bin) -> None:
    """Sessions that ended per period by how they ended, with the share that merged a PR."""
    st.subheader("Outcomes over time", help=plain(definition_of("Outcomes over time")))
    sessions = ctx.filtered
    window = periods.activity_window(ctx.window[0], ctx.now)
    outcomes = analytics.outcomes_over_time(sessions, ctx.tz, bin_freq)
    outcomes = periods.mark(outcomes, bin_freq, ctx.tz, window)
    merged_missing = api_reason("has_merged_pr", ctx.api)
    share = None
    if not merged_missing:
        share = analytics.merged_share_over_time(sessions, ctx.tz, bin_freq)
        share = periods.mark(share, bin_freq, ctx.tz, window)
    running = not_counted(sessions, outcomes)
    notes = [f"{running:,} sessions have not ended and are not counted"] if running else []
    if merged_missing:
        notes.append(f"share with a merged PR: {merged_missing}")
    if notes:
        sentence = "; ".join(notes)
        st.caption(plain(sentence[:1].upper() + sentence[1:] + "."))
    chart(
        charts.outcomes_chart(outcomes, share, bin_freq),
        with_share(outcomes, share),
        key="timeline-outcomes",
        filename="outcomes_over_time.csv",
        empty="No session in these filters has ended.",
    )
    partial_caption(outcomes, _UNITS[bin_freq])
    if share is not None and (share["known"].between(1, periods.MIN_SESSIONS - 1)).any():
        st.caption(
            f"The share with a merged PR is joined by a line only through {_UNITS[bin_freq]}s "
            f"of at least {periods.MIN_SESSIONS} sessions; hollow points rest on fewer (the "
            "hover and the download say how many)."
        )


def working_section(ctx: PageContext, bin_freq: Bin) -> None:
    """Hours Devin worked and waited on people, from the cached messages of the sessions."""
    st.subheader("Working vs waiting on a person", help=plain(definition_of("Working and waiting")))
    sessions = ctx.filtered
    messages_section(ctx.settings, sessions)
    messages = analytics.of_sessions(frames.messages_frame(ctx.settings), sessions)
    found = catalogue.figures(
        ["hours_working", "hours_waiting"], catalogue.Inputs(sessions, ctx.api, messages=messages)
    )
    answer = analytics.median_answer_time(messages)
    left, middle, right = st.columns(3)
    for place, key in zip((left, middle), found, strict=True):
        place.metric(found[key].measure.label, found[key].short)
    right.metric(
        "Median time to answer Devin",
        charts.duration_text(answer) if answer is not None else catalogue.BLANK,
        help=plain(definition_of("Median time to answer Devin")),
    )
    covered = found["hours_working"].coverage.have
    st.caption(
        f"From the messages of {covered:,} sessions; sessions whose messages are not cached are "
        "left out, time before a session's first or after its last message is not counted, and a "
        "reply within 10 minutes counts as working."
    )
    days = analytics.working_waiting_per_period(messages, ctx.tz, bin_freq)
    days = periods.mark(days, bin_freq, ctx.tz, periods.activity_window(ctx.window[0], ctx.now))
    chart(
        charts.working_waiting_chart(days, bin_freq),
        days,
        key="timeline-working",
        filename="working_and_waiting.csv",
        empty="No cached messages for these sessions yet.",
    )
    partial_caption(days, _UNITS[bin_freq])
    people = analytics.waiting_per_person(messages, sessions)
    chart(
        charts.waiting_per_person_chart(people, title="Hours waiting per person (top 10)"),
        people,
        key="timeline-waiting-people",
        filename="waiting_per_person.csv",
        empty="Devin waited on nobody in the cached messages of these sessions.",
    )
