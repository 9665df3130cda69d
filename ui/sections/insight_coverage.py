"""Insight coverage on the Insights page: the weekly chart, and generating missing insights.

Generation asks for at most :data:`PER_CLICK` sessions per click on a few threads, with a
progress bar; what was asked for is remembered in the store, so the next click resumes. A key
without ManageOrgSessions gets a message naming it, and the button stays off for that key.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.analytics import periods
from devin_data.analytics.definitions import DEFINITIONS
from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.services import explain, insights, scope_of
from ui.components.format import plain
from ui.components.widgets import chart, partial_caption
from ui.data.workspace import workspace

PER_CLICK = 200
CONCURRENCY = 4  # requests at once: gentle on the API, still quick for a few hundred
_DENIED = "coverage_permission_denied"
COVERAGE_HELP = dict(DEFINITIONS)["Insight coverage"]


def coverage_section(
    settings: Settings, frame: pd.DataFrame, tz: str, window: periods.Window = (None, None)
) -> None:
    """The weekly coverage chart (weeks the ``window`` cuts marked partial) and, below it, the
    generation of what is missing."""
    st.subheader("Insight coverage by week", help=plain(COVERAGE_HELP))
    weeks = periods.mark(analytics.insight_coverage(frame, tz), "W", tz, window, column="week")
    chart(
        charts.coverage_chart(weeks),
        weeks,
        key="insights-coverage",
        filename="insight_coverage_by_week.csv",
        empty="No ended session matches these filters.",
    )
    partial_caption(weeks, "week")
    ws = workspace(settings)
    missing = analytics.missing_insights(frame)
    todo = insights.not_asked_for(ws, missing)
    kept = set(todo)
    waiting = [sid for sid in missing if sid not in kept]
    if waiting:
        _collect(settings, len(waiting))
    denied = st.session_state.get(_DENIED, {}).get(scope_of(settings))
    if denied:
        st.warning(denied, icon=":material/key:")
    if not todo:
        st.caption("Every ended session that matches these filters has insights or was asked for.")
        return
    label = f"Generate missing insights ({len(todo):,})"
    if st.button(label, key="coverage_generate", disabled=bool(denied), icon=":material/bolt:"):
        _generate(settings, todo)


def _collect(settings: Settings, waiting: int) -> None:
    """Offer to cache the analyses generated since they were asked for."""
    st.caption(f"{waiting:,} sessions were asked for and have no analysis in the cache yet.")
    if st.button("Check for generated insights", key="coverage_collect"):
        with st.spinner("Fetching generated insights…"):
            try:
                arrived = insights.collect(workspace(settings), now=datetime.now(UTC))
            except DevinError as err:
                st.error(explain(err, settings), icon=":material/error:")
                return
        st.toast(f"{arrived:,} generated analyses cached.")
        if arrived:
            st.rerun()


def _generate(settings: Settings, todo: list[str]) -> None:
    """Ask for the insights of up to PER_CLICK sessions with a progress bar."""
    total = min(len(todo), PER_CLICK)
    bar = st.progress(0.0, text=f"Asking for the insights of {total:,} sessions…")

    def progress(event: insights.FillProgress) -> None:
        bar.progress(event.done / event.total, text=f"{event.done:,} of {event.total:,} asked for")

    try:
        report = insights.ask_for_missing(
            workspace(settings),
            todo,
            now=datetime.now(UTC),
            limit=PER_CLICK,
            concurrency=CONCURRENCY,
            progress=progress,
        )
    except insights.MissingPermissionError as err:
        bar.empty()
        denied = dict(st.session_state.get(_DENIED, {}))
        denied[scope_of(settings)] = explain(err, settings)
        st.session_state[_DENIED] = denied
        st.rerun()
    except DevinError as err:
        bar.empty()
        st.error(explain(err, settings), icon=":material/error:")
        return
    _report(report)


def _report(report: insights.FillReport) -> None:
    done = len(report.requested) + len(report.already)
    text = f"Asked for the insights of {done:,} sessions; analyses take a few minutes."
    if report.left:
        text += f" {report.left:,} are left: click again to continue."
    st.success(text, icon=":material/check:")
    if report.failed:
        st.warning(f"{len(report.failed):,} requests failed; the next click retries them.")
