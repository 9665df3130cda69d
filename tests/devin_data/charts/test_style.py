"""The shared look: layout, value order and duration text."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.charts.style import TRANSPARENT, axis_values, duration_text, layout, present


def test_duration_text() -> None:
    assert duration_text(pd.Timedelta(minutes=45)) == "45 min"
    assert duration_text(pd.Timedelta(minutes=125)) == "2 h 5 min"
    assert duration_text(pd.Timedelta(hours=27)) == "1 d 3 h"
    assert duration_text(timedelta(seconds=30)) == "30 s"
    assert duration_text(pd.NaT) == duration_text(None) == "–"


def test_layout_is_transparent_with_titles_and_a_legend_below_or_above() -> None:
    below = layout(go.Figure(), "Sessions", "Day", "Count", legend="below")
    above = layout(go.Figure())

    assert below.layout.paper_bgcolor == below.layout.plot_bgcolor == TRANSPARENT
    assert below.layout.title.text == "Sessions"
    assert (below.layout.xaxis.title.text, below.layout.yaxis.title.text) == ("Day", "Count")
    assert (below.layout.legend.yanchor, below.layout.legend.y) == ("top", -0.18)
    assert (above.layout.legend.yanchor, above.layout.legend.y) == ("bottom", 1.02)
    assert above.layout.title.text is None
    assert (below.layout.margin.t, above.layout.margin.t) == (50, 20)


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
