"""The one look of every figure: layout, number format, value order and duration text.

Figures set no background of their own (transparent paper and plot), so the app's light or dark
theme shows through; legends sit below a chart or above it, never over the data.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal, TypedDict

import numpy as np
import pandas as pd
import plotly.graph_objects as go

TRANSPARENT = "rgba(0,0,0,0)"
DEFAULT_COLOR = "#4e79a7"
NUMBER = ",.2~f"  # d3 format: thousands separators, at most two decimals, no trailing zeros


class ChartText(TypedDict, total=False):
    """The words around a chart, accepted by every chart function that takes them as keywords."""

    title: str
    x_title: str
    y_title: str


_LEGENDS = {
    "below": {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "title_text": ""},
    "above": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
}


def layout(
    figure: go.Figure,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
    *,
    legend: Literal["below", "above"] = "above",
) -> go.Figure:
    """Optional title and axis titles, transparent background, the legend below or above."""
    figure.update_layout(
        title_text=title or None,
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend=_LEGENDS[legend],
    )
    update_axis(figure, "x", title_text=x_title or None)
    update_axis(figure, "y", title_text=y_title or None)
    return figure


def update_axis(figure: go.Figure, axis: Literal["x", "y"], **props: Any) -> go.Figure:
    """``update_xaxes``/``update_yaxes`` for figures of one plot: the same change to its one axis,
    without the search through the layout for matching axes that costs milliseconds a call."""
    return figure.update_layout({f"{axis}axis": props})


def axis_values(values: pd.Series) -> list[Any] | np.ndarray:
    """Values for a trace: naive times as a datetime64 array, which Plotly writes out as the same
    ISO text but copies at once, where a list of Timestamps is copied one object at a time."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind == "M":
        return values.to_numpy()
    return values.to_list()


def present(values: pd.Series) -> list[str]:
    """Values in category order (first appearance for other dtypes), missing ones left out."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        seen = set(values.dropna())
        return [str(value) for value in values.cat.categories if value in seen]
    return [str(value) for value in values.dropna().drop_duplicates()]


def duration_text(value: timedelta | pd.Timedelta | None) -> str:
    """``1 d 3 h``, ``2 h 5 min``, ``42 min``, ``30 s``; ``–`` when there is none."""
    if value is None or pd.isna(value):
        return "–"
    seconds = int(pd.Timedelta(value).total_seconds())
    days, rest = divmod(max(seconds, 0), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"
