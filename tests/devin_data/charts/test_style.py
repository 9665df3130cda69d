"""The shared look: layout, value order and duration text."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from devin_data.charts.style import (
    MODEBAR_WIDTH,
    TRANSPARENT,
    axis_values,
    by_value,
    count_axis,
    count_ticks,
    duration_text,
    layout,
    present,
)


def test_duration_text() -> None:
    assert duration_text(pd.Timedelta(minutes=45)) == "45 min"
    assert duration_text(pd.Timedelta(minutes=125)) == "2 h 5 min"
    assert duration_text(pd.Timedelta(hours=27)) == "1 d 3 h"
    assert duration_text(timedelta(seconds=30)) == "30 s"
    assert duration_text(pd.NaT) == duration_text(None) == "–"


def test_layout_is_transparent_with_titles_a_legend_above_and_the_toolbar_aside() -> None:
    titled = layout(go.Figure(), "Sessions", "Day", "Count")
    bare = layout(go.Figure())

    assert titled.layout.paper_bgcolor == titled.layout.plot_bgcolor == TRANSPARENT
    assert titled.layout.title.text == "Sessions"
    assert (titled.layout.xaxis.title.text, titled.layout.yaxis.title.text) == ("Day", "Count")
    # The legend sits above the plot, away from the x axis title below it.
    for figure in (titled, bare):
        assert (figure.layout.legend.yanchor, figure.layout.legend.y) == ("bottom", 1.02)
        assert figure.layout.modebar.orientation == "v"
        assert figure.layout.margin.r == MODEBAR_WIDTH
    assert titled.layout.title.automargin is True
    assert bare.layout.title.text is None


@pytest.mark.parametrize(
    ("values", "dtick"),
    [([0, 1, 3], 1), ([2, 10], 1), ([0, 11], None), ([400, 1200], None)],
)
def test_a_short_count_axis_steps_by_one_and_a_long_one_keeps_plotly_steps(
    values: list[int], dtick: int | None
) -> None:
    figure = go.Figure()
    count_axis(figure, pd.Series(values, dtype="int64"))

    assert figure.layout.yaxis.dtick == dtick
    assert figure.layout.yaxis.rangemode == "tozero"
    assert figure.layout.yaxis.tickformat == ","
    assert figure.layout.yaxis.fixedrange is True  # a zoom never brings half steps back
    assert figure.layout.xaxis.fixedrange is None
    assert count_ticks(max(values)).get("dtick") == dtick


def test_a_measure_that_is_not_a_count_keeps_plotly_ticks() -> None:
    figure = go.Figure()
    count_axis(figure, pd.Series([0.4, 2.5]), "x")

    assert figure.layout.xaxis.dtick is None
    assert figure.layout.xaxis.tickformat is None
    assert figure.layout.xaxis.fixedrange is None


def test_by_value_sorts_categories_by_value_but_keeps_size_order() -> None:
    frame = pd.DataFrame({"value": ["a", "b", "c"], "sessions": [1, 5, 3]})

    assert by_value(frame, "sessions", "category")["value"].to_list() == ["b", "c", "a"]
    assert by_value(frame, "sessions", "session_size")["value"].to_list() == ["a", "b", "c"]


def test_present_keeps_category_order_else_first_appearance() -> None:
    sizes = pd.Series(pd.Categorical(["m", "xs", None, "m"], categories=["xs", "s", "m"]))
    origins = pd.Series(["slack", "api", None, "slack"])

    assert present(sizes) == ["xs", "m"]
    assert present(origins) == ["slack", "api"]


def test_axis_values_write_the_same_json_as_a_list_of_timestamps() -> None:
    periods = pd.Series(pd.date_range("2026-03-01 05:00", periods=30, freq="h").as_unit("ns"))
    values = axis_values(periods)
    assert isinstance(values, np.ndarray)
    as_array = go.Figure(go.Scatter(x=values, y=list(range(30)))).to_json()
    as_list = go.Figure(go.Scatter(x=periods.to_list(), y=list(range(30)))).to_json()
    assert as_array == as_list


def test_axis_values_keep_other_values_as_a_list() -> None:
    assert axis_values(pd.Series(["a", "b"], dtype="str")) == ["a", "b"]
    zoned = pd.Series(pd.date_range("2026-03-01", periods=2, tz="Asia/Tokyo"))
    assert axis_values(zoned) == zoned.to_list()
