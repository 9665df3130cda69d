"""The Insights page's charts of what analyses found: issues by label and impact, action items by
type, languages and tools, category by size class, and ACUs by category and origin. A click on a
bar lists those sessions on the Sessions page."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.frames.availability import left_out_note
from ui.components.widgets import chart, left_out_caption
from ui.data import frames
from ui.state.context import PageContext
from ui.state.links import open_sessions

TOP: dict[str, Any] = {"horizontal": True, "top_n": 15}


def no_analysis(total: int) -> str:
    """The empty state of a chart of analyses: none yet, or no session at all."""
    if total:
        return "None of the matching sessions has an insights analysis yet."
    return "No sessions match these filters."


def _follow(**changes: tuple[Any, ...]) -> None:
    """Open the Sessions page on what a click selected (nothing happens without a selection)."""
    chosen = {field: values for field, values in changes.items() if values}
    if chosen:
        open_sessions(**chosen)


def _item_chart(
    items: pd.DataFrame, column: str, drill: str, key: str, *, seen: tuple[int, str], **style: Any
) -> None:
    """A bar per value of ``column``; ``seen`` is the analysed sessions and the empty state."""
    analysed, empty = seen
    counts = analytics.item_counts(items, column, analysed)
    title = style.pop("title", "")
    figure = charts.bars(counts, "value", "sessions", title=title, value_title="Sessions", **style)
    # Named after what it counts, so action types get a readable column beside their codes.
    data = counts.rename(columns={"value": column})
    event = chart(figure, data, key=key, filename=f"{key}.csv", empty=empty, select=True)
    _follow(**{drill: charts.selected_drill(event, 1)})


def issues(ctx: PageContext, empty: str) -> None:
    """Issues by label and impact, stacked."""
    st.subheader("Issues by label and impact")
    found = analytics.of_sessions(frames.issues_frame(ctx.settings), ctx.filtered)
    by_impact = analytics.issue_impacts(found)
    event = chart(
        charts.stacked_bars(
            by_impact, "label", "impact", "issues", x_title="Issue label", y_title="Issues"
        ),
        by_impact,
        key="insights-issues",
        filename="issues_by_label_and_impact.csv",
        empty=empty,
        select=True,
    )
    _follow(issues=charts.selected_drill(event, 2))


def items(ctx: PageContext, analysed: int, empty: str) -> None:
    """Action items by type, then languages and tools side by side (the 15 most used)."""
    st.subheader("Action items by type")
    actions = analytics.of_sessions(frames.action_items_frame(ctx.settings), ctx.filtered)
    key = "insights-action-types"
    _item_chart(actions, "type", "actions", key, seen=(analysed, empty), dimension="type")
    st.subheader("Languages and tools")
    for place, (load, column, drill, title) in zip(
        st.columns(2),
        [
            (frames.languages_frame, "language", "languages", "Programming languages (top 15)"),
            (frames.tools_frame, "tool", "tools", "Tools and frameworks (top 15)"),
        ],
        strict=True,
    ):
        found = analytics.of_sessions(load(ctx.settings), ctx.filtered)
        with place:
            key = f"insights-{column}"
            _item_chart(found, column, drill, key, seen=(analysed, empty), title=title, **TOP)


def category_by_size(ctx: PageContext) -> None:
    """Sessions of each category by size class, as counts or as shares of the category."""
    st.subheader("Category by size class")
    mix = analytics.category_by_size(ctx.filtered)
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


def acus(ctx: PageContext) -> None:
    """ACUs by category and by origin, side by side."""
    st.subheader("ACUs by category and by origin")
    left_out_caption([left_out_note(ctx.filtered, "acus_consumed")])
    for place, (dimension, field) in zip(
        st.columns(2), [("category", "categories"), ("origin", "origins")], strict=True
    ):
        spent = analytics.distribution(ctx.filtered, dimension).drop(columns="share")
        with place:
            event = chart(
                charts.bars(spent, "value", "acus", dimension=dimension, value_title="ACUs"),
                spent,
                key=f"insights-acus-{dimension}",
                filename=f"acus_by_{dimension}.csv",
                select=True,
                codes={"value": dimension},
            )
        _follow(**charts.selection_filters(event, (field,)))
