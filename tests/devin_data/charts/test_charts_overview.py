"""Chart functions: trace types and counts, axis titles, category order, colors and hovers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from devin_data.charts import (
    SIZE_COLORS,
    STATUS_COLORS,
    bar_distribution,
    color_for,
    empty_figure,
    horizontal_bar,
    message_histogram_chart,
    stacked_over_time,
)

SIZES = pd.DataFrame(
    {
        "value": pd.Categorical(
            ["xs", "m", "giant"], dtype=pd.CategoricalDtype(["xs", "m", "giant"], ordered=True)
        ),
        "sessions": np.array([5, 3, 2], dtype="int64"),
        "acus": [1.0, 6.0, 20.0],
        "share": [0.5, 0.3, 0.2],
    }
)


def _transparent(figure: go.Figure) -> bool:
    return figure.layout.paper_bgcolor == figure.layout.plot_bgcolor == "rgba(0,0,0,0)"


def test_bar_distribution() -> None:
    figure = bar_distribution(
        SIZES,
        "value",
        "sessions",
        SIZE_COLORS,
        title="Sessions by size",
        x_title="Size",
        y_title="Sessions",
        dimension="session_size",
    )
    (bar,) = figure.data
    assert isinstance(bar, go.Bar)
    assert list(bar.x) == ["xs", "m", "giant"]
    assert list(bar.y) == [5, 3, 2]
    assert list(bar.marker.color) == [
        SIZE_COLORS["xs"],
        SIZE_COLORS["m"],
        color_for("session_size", "giant"),
    ]
    assert list(figure.layout.xaxis.categoryarray) == ["xs", "m", "giant"]
    assert figure.layout.xaxis.title.text == "Size"
    assert figure.layout.yaxis.title.text == "Sessions"
    assert figure.layout.title.text == "Sessions by size"
    assert bar.hovertemplate == (
        "%{x}<br>Sessions: %{y:,.2~f}<br>Share: %{customdata:.1%}<extra></extra>"
    )
    assert list(bar.customdata) == [0.5, 0.3, 0.2]
    assert _transparent(figure)


def test_bar_distribution_without_share_column() -> None:
    figure = bar_distribution(SIZES.drop(columns="share"), "value", "acus", None, y_title="ACUs")
    (bar,) = figure.data
    assert bar.customdata is None
    assert "Share" not in bar.hovertemplate
    assert "ACUs: %{y" in bar.hovertemplate


PER_DAY = pd.DataFrame(
    {
        "period": pd.to_datetime(["2026-01-01"] * 2 + ["2026-01-02"] * 2),
        "status": pd.Categorical(
            ["error", "exit"] * 2, dtype=pd.CategoricalDtype(["exit", "error", "never_seen"])
        ),
        "sessions": np.array([1, 3, 0, 0], dtype="int64"),
    }
)


def test_stacked_over_time() -> None:
    figure = stacked_over_time(
        PER_DAY, "period", "status", "sessions", STATUS_COLORS, title="Per day", x_title="Day"
    )
    assert [type(trace) for trace in figure.data] == [go.Bar, go.Bar]
    assert [trace.name for trace in figure.data] == ["Exit", "Error"]  # category order
    assert [trace.marker.color for trace in figure.data] == ["#2ca02c", "#d62728"]
    assert figure.layout.barmode == "stack"
    exit_trace = figure.data[0]
    assert list(exit_trace.y) == [3, 0]
    assert list(exit_trace.customdata) == [0.75, 0.0]
    assert "%{y" in exit_trace.hovertemplate
    assert "%{customdata" in exit_trace.hovertemplate
    assert figure.layout.xaxis.title.text == "Day"
    assert figure.layout.yaxis.title.text == "Sessions"
    assert _transparent(figure)


def test_message_histogram_chart() -> None:
    table = pd.DataFrame(
        {
            "source": pd.Categorical(["user"] * 2 + ["devin"] * 2, categories=["user", "devin"]),
            "messages": pd.Categorical(
                ["0", "1"] * 2, dtype=pd.CategoricalDtype(["0", "1", "2"], ordered=True)
            ),
            "sessions": np.array([1, 3, 2, 2], dtype="int64"),
        }
    )
    figure = message_histogram_chart(table)
    assert [trace.name for trace in figure.data] == ["User messages", "Devin messages"]
    assert [trace.marker.color for trace in figure.data] == [
        color_for("source", "user"),
        color_for("source", "devin"),
    ]
    assert list(figure.data[0].customdata) == [0.25, 0.75]
    assert figure.layout.barmode == "group"
    assert list(figure.layout.xaxis.categoryarray) == ["0", "1"]
    assert figure.layout.xaxis.title.text == "Messages per session"
    assert figure.layout.yaxis.title.text == "Sessions"


def test_horizontal_bar_shows_top_n_largest_first() -> None:
    table = pd.DataFrame(
        {"value": ["a", "b", "c", "d"], "sessions": [2, 9, 5, 1], "share": [0.1, 0.5, 0.3, 0.1]}
    )
    figure = horizontal_bar(table, "value", "sessions", "Top", "Sessions", top_n=3)
    (bar,) = figure.data
    assert bar.orientation == "h"
    assert list(bar.y) == ["b", "c", "a"]
    assert list(bar.x) == [9, 5, 2]
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.xaxis.title.text == "Sessions"
    assert "Sessions: %{x" in bar.hovertemplate
    assert "%{customdata:.1%}" in bar.hovertemplate


def test_empty_figure_says_why() -> None:
    figure = empty_figure("No sessions match these filters")
    assert len(figure.data) == 0
    (note,) = figure.layout.annotations
    assert note.text == "No sessions match these filters"
    assert figure.layout.xaxis.visible is False
    assert _transparent(figure)


@pytest.mark.parametrize(
    "figure",
    [
        bar_distribution(SIZES, "value", "sessions"),
        stacked_over_time(PER_DAY, "period", "status", "sessions"),
        empty_figure("nothing"),
    ],
)
def test_figures_leave_the_theme_to_the_app(figure: go.Figure) -> None:
    assert _transparent(figure)
    assert figure.layout.font.color is None


def test_a_horizontal_distribution_puts_long_labels_across_largest_on_top() -> None:
    frame = pd.DataFrame(
        {"value": ["bug_fixing", "ci_cd_and_devops", "docs"], "sessions": [2, 9, 4]}
    )
    figure = bar_distribution(
        frame, "value", "sessions", dimension="category", horizontal=True, y_title="Sessions"
    )
    (bar,) = figure.data
    assert bar.orientation == "h"
    assert list(bar.y) == ["ci_cd_and_devops", "docs", "bug_fixing"]
    assert list(bar.x) == [9, 4, 2]
    assert list(figure.layout.yaxis.ticktext) == ["CI/CD and DevOps", "Docs", "Bug fixing"]
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.xaxis.title.text == "Sessions"
    assert figure.layout.xaxis.dtick == 1
    assert figure.layout.xaxis.fixedrange is True
    assert figure.layout.height >= 300
