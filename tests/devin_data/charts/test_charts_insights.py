"""Insights figures and the mapping of bar selections to Sessions-page filters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.charts import insights as charts_insights
from devin_data.charts.insights import IMPACT_COLORS
from devin_data.charts.palette import CATEGORY_COLORS, SIZE_COLORS, color_for

IMPACTS = pd.DataFrame(
    {
        "label": ["Testing", "Testing", "Environment"],
        "impact": pd.Categorical(
            ["High", "Low", "High"], categories=["High", "Low", "Odd"], ordered=True
        ),
        "issues": np.array([2, 1, 4], dtype="int64"),
        "sessions": np.array([2, 1, 3], dtype="int64"),
    }
)

ISSUES = pd.DataFrame(
    {
        "session_id": ["devin-b", "devin-a", "devin-c", "devin-a"],
        "label": ["Testing", "Testing", "Testing", "Environment"],
        "impact": pd.Categorical(["High", "High", "Low", "High"]),
    }
)


def _event(*points: dict[str, Any]) -> dict[str, Any]:
    """The shape st.plotly_chart(on_select="rerun") returns."""
    return {"selection": {"points": list(points), "point_indices": [], "box": [], "lasso": []}}


def test_stacked_bars_use_fixed_impact_colors_and_carry_keys() -> None:
    figure = charts_insights.stacked_bars(
        IMPACTS, "label", "impact", "issues", x_title="Issue label", y_title="Issues"
    )
    assert [trace.name for trace in figure.data] == ["High", "Low"]
    high, low = figure.data
    assert isinstance(high, go.Bar)
    assert list(high.x) == ["Testing", "Environment"]
    assert list(high.y) == [2, 4]
    assert [list(key) for key in high.customdata] == [["Testing", "High"], ["Environment", "High"]]
    assert high.marker.color == IMPACT_COLORS["High"]
    assert low.marker.color == IMPACT_COLORS["Low"]
    assert "Issues: %{y:" in high.hovertemplate
    assert figure.layout.barmode == "stack"
    # Largest first: Environment has 4 issues, Testing 3.
    assert list(figure.layout.xaxis.categoryarray) == ["Environment", "Testing"]
    assert figure.layout.xaxis.title.text == "Issue label"
    assert (figure.layout.yaxis.dtick, figure.layout.yaxis.rangemode) == (1, "tozero")


def test_stacked_bars_by_size_keep_the_size_order_and_colors() -> None:
    mix = pd.DataFrame(
        {
            "category": pd.Categorical(["bug_fixing", "bug_fixing", "security"]),
            "session_size": pd.Categorical(
                ["xl", "xs", "m"], categories=["xs", "s", "m", "l", "xl"], ordered=True
            ),
            "sessions": [1, 2, 5],
        }
    )
    figure = charts_insights.stacked_bars(mix, "category", "session_size", "sessions")
    assert [trace.name for trace in figure.data] == ["XS", "M", "XL"]
    assert [trace.marker.color for trace in figure.data] == [
        SIZE_COLORS["xs"],
        SIZE_COLORS["m"],
        SIZE_COLORS["xl"],
    ]


def test_bars_color_by_dimension_and_show_shares() -> None:
    data = pd.DataFrame(
        {"value": ["bug_fixing", "made_up"], "acus": [12.5, 3.0], "share": [0.8, 0.2]}
    )
    figure = charts_insights.bars(data, "value", "acus", dimension="category", value_title="ACUs")
    (bar,) = figure.data
    assert list(bar.x) == ["bug_fixing", "made_up"]
    assert list(bar.y) == [12.5, 3.0]
    assert list(bar.marker.color) == [
        CATEGORY_COLORS["bug_fixing"],
        color_for("category", "made_up"),
    ]
    assert [list(key) for key in bar.customdata] == [["bug_fixing", 0.8], ["made_up", 0.2]]
    assert "ACUs: %{y:" in bar.hovertemplate
    assert "Share of analysed sessions: %{customdata[1]:.1%}" in bar.hovertemplate
    assert figure.layout.yaxis.title.text == "ACUs"


def test_horizontal_bars_keep_the_top_n_largest_on_top() -> None:
    data = pd.DataFrame({"value": [f"lang{i}" for i in range(20)], "sessions": range(20, 0, -1)})
    figure = charts_insights.bars(
        data, "value", "sessions", horizontal=True, top_n=15, value_title="Sessions"
    )
    (bar,) = figure.data
    assert bar.orientation == "h"
    assert list(bar.y) == [f"lang{i}" for i in range(15)]
    assert list(bar.x) == list(range(20, 5, -1))
    assert bar.marker.color == charts_insights.DEFAULT_COLOR
    assert "Share" not in bar.hovertemplate
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.xaxis.title.text == "Sessions"
    assert figure.layout.height == 80 + 24 * 15


def test_selected_keys_read_customdata_of_points() -> None:
    event = _event(
        {"curve_number": 0, "point_index": 1, "x": "m", "customdata": ["bug_fixing", "m"]},
        {"curve_number": 0, "point_index": 1, "x": "m", "customdata": ["bug_fixing", "m"]},
        {"curve_number": 1, "point_index": 0, "x": "x", "customdata": "security"},
        {"curve_number": 2, "point_index": 0, "x": "no key"},
    )
    assert charts_insights.selected_keys(event) == [("bug_fixing", "m"), ("security",)]
    assert charts_insights.selected_keys(None) == []
    assert charts_insights.selected_keys({"selection": {"points": []}}) == []


def test_selection_filters_map_key_positions_to_fields() -> None:
    event = _event(
        {"customdata": ["bug_fixing", "xs"]},
        {"customdata": ["bug_fixing", "xl"]},
        {"customdata": ["security", "xs"]},
    )
    assert charts_insights.selection_filters(event, ("categories", "sizes")) == {
        "categories": ("bug_fixing", "security"),
        "sizes": ("xs", "xl"),
    }
    share_bar = _event({"customdata": ["api", 0.25]})
    assert charts_insights.selection_filters(share_bar, ("origins",)) == {"origins": ("api",)}
    assert charts_insights.selection_filters(_event(), ("origins",)) == {}


def test_selected_drill_names_the_clicked_keys_not_sessions() -> None:
    event = _event(
        {"customdata": ["Testing", "High"]},
        {"customdata": ["Testing", "High"]},
        {"customdata": ["Environment", "Low"]},
    )
    assert charts_insights.selected_drill(event, 2) == (
        ("Testing", "High"),
        ("Environment", "Low"),
    )
    share_bar = _event({"customdata": ["Python", 0.5]})
    assert charts_insights.selected_drill(share_bar, 1) == (("Python",),)
    assert charts_insights.selected_drill(share_bar, 3) == ()
    assert charts_insights.selected_drill(_event(), 1) == ()
