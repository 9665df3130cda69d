"""Insights: coverage and filling it, what analyses found, what to do, which stacks, the ACUs."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.analytics import KPI_DEFINITIONS
from devin_data.frames.availability import V1_REASON, api_reason, left_out_note
from ui import loaders
from ui.connection import current_settings
from ui.coverage import coverage_section
from ui.filters import current_filters, filtered_sessions
from ui.format import plain
from ui.links import open_sessions
from ui.widgets import chart, left_out_caption

settings = current_settings()
sessions = filtered_sessions(loaders.sessions_frame(settings))
analysed, total = analytics.analysed_share(sessions)
NO_ANALYSIS = (
    "None of the matching sessions has an insights analysis yet."
    if total
    else "No sessions match these filters."
)
TOP: dict[str, Any] = {"horizontal": True, "top_n": 15}


def _in_view(frame: pd.DataFrame) -> pd.DataFrame:
    return analytics.of_sessions(frame, sessions)


def _follow(**changes: tuple[Any, ...]) -> None:
    """Open the Sessions page on what a click selected (nothing happens without a selection)."""
    chosen = {field: values for field, values in changes.items() if values}
    if chosen:
        open_sessions(**chosen)


def _item_chart(
    items: pd.DataFrame, column: str, drill: str, title: str, key: str, **style: Any
) -> None:
    counts = analytics.item_counts(items, column, analysed)
    figure = charts.bars(counts, "value", "sessions", title=title, value_title="Sessions", **style)
    # Named after what it counts, so action types get a readable column beside their codes.
    data = counts.rename(columns={"value": column})
    event = chart(figure, data, key=key, filename=f"{key}.csv", empty=NO_ANALYSIS, select=True)
    _follow(**{drill: charts.selected_drill(event, 1)})


st.title("Insights")
if api_reason("has_analysis", settings.api_version):
    st.info(f"Insights: {V1_REASON}.", icon=":material/key:")
    st.stop()
# The same format as the Overview card of the same share, so the two never disagree.
spec = KPI_DEFINITIONS["share_with_insights"]
share = f" ({format(analysed / total, spec.fmt)})" if total else ""
st.metric(
    "Sessions with insights",
    f"{analysed:,} of {total:,}{share}",
    help=plain(spec.help),
)
coverage_section(settings, sessions, current_filters().tz)
st.caption(
    "Click a bar to list those sessions on the Sessions page; the filter stays on every page "
    "until you remove it."
)

st.subheader("Issues by label and impact")
by_impact = analytics.issue_impacts(_in_view(loaders.issues_frame(settings)))
event = chart(
    charts.stacked_bars(
        by_impact, "label", "impact", "issues", x_title="Issue label", y_title="Issues"
    ),
    by_impact,
    key="insights-issues",
    filename="issues_by_label_and_impact.csv",
    empty=NO_ANALYSIS,
    select=True,
)
_follow(issues=charts.selected_drill(event, 2))

st.subheader("Action items by type")
_item_chart(
    _in_view(loaders.action_items_frame(settings)),
    "type",
    "actions",
    "",
    "insights-action-types",
    dimension="type",
)
st.subheader("Languages and tools")
for place, (load, column, drill, title) in zip(
    st.columns(2),
    [
        (loaders.languages_frame, "language", "languages", "Programming languages (top 15)"),
        (loaders.tools_frame, "tool", "tools", "Tools and frameworks (top 15)"),
    ],
    strict=True,
):
    with place:
        _item_chart(_in_view(load(settings)), column, drill, title, f"insights-{column}", **TOP)

st.subheader("Category by size class")
mix = analytics.category_by_size(sessions)
mix["share"] = mix["sessions"] / mix.groupby("category", observed=True)["sessions"].transform("sum")
shown = st.segmented_control(
    "Show", ["Sessions", "Share of the category"], default="Sessions", key="insights_mix_show"
)
shares = shown == "Share of the category"
event = chart(
    charts.stacked_bars(
        mix,
        "category",
        "session_size",
        "sessions",
        x_title="Category",
        y_title="Share of the category's sessions" if shares else "Sessions",
        shares=shares,
    ),
    mix,
    key="insights-category-size",
    filename="sessions_by_category_and_size.csv",
    select=True,
)
_follow(**charts.selection_filters(event, ("categories", "sizes")))

st.subheader("ACUs by category and by origin")
left_out_caption([left_out_note(sessions, "acus_consumed")])
for place, (dimension, field) in zip(
    st.columns(2), [("category", "categories"), ("origin", "origins")], strict=True
):
    acus = analytics.distribution(sessions, dimension).drop(columns="share")
    with place:
        event = chart(
            charts.bars(acus, "value", "acus", dimension=dimension, value_title="ACUs"),
            acus,
            key=f"insights-acus-{dimension}",
            filename=f"acus_by_{dimension}.csv",
            select=True,
            codes={"value": dimension},
        )
    _follow(**charts.selection_filters(event, (field,)))
