"""The one look of every figure: layout, number format, value order and duration text.

Figures set no background of their own (transparent paper and plot), so the app's light or dark
theme shows through; legends sit above the plot under the title, never over the data or beside
an axis title; count axes tick in whole numbers.
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
# The toolbar stands upright in a right margin of its own, so it never covers a title or legend.
MODEBAR_WIDTH = 36
MODEBAR_REMOVED = ("lasso2d", "select2d", "zoomIn2d", "zoomOut2d", "autoScale2d")
# Up to this many, a count axis steps by one; above it Plotly's own steps are whole numbers.
COUNT_STEP_LIMIT = 10
# Dimensions whose values have an order of their own; other category charts sort by value.
ORDINAL = frozenset({"session_size"})


class ChartText(TypedDict, total=False):
    """The words around a chart, accepted by every chart function that takes them as keywords."""

    title: str
    x_title: str
    y_title: str


# Above the plot and under the title: never over the data, never near an axis title.
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title_text": ""}


def layout(
    figure: go.Figure,
    title: str = "",
    x_title: str = "",
    y_title: str = "",
) -> go.Figure:
    """Optional title and axis titles, transparent background, the legend above the plot.

    The title is pushed below the top edge and the toolbar stands in a right margin of its own,
    so on a narrow screen neither covers the other or the legend.
    """
    figure.update_layout(
        title={
            "text": title or None,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 6},
            "automargin": True,
        },
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        margin={"l": 10, "r": MODEBAR_WIDTH, "t": 20, "b": 10},
        legend=LEGEND,
        modebar={"orientation": "v", "remove": list(MODEBAR_REMOVED)},
        xaxis={"title_text": x_title or None},
        yaxis={"title_text": y_title or None},
    )  # one update: each call walks Plotly's validators, milliseconds apiece
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


def count_ticks(top: float) -> dict[str, object]:
    """Tick settings of a count axis or colour bar whose largest value is ``top``.

    Plotly picks steps of 0.5 or 0.2 on a short axis; a count never has half a session, so a short
    axis steps by one and a long one keeps Plotly's steps, which are whole numbers there.
    """
    ticks: dict[str, object] = {"tickformat": ","}
    if top <= COUNT_STEP_LIMIT:
        ticks |= {"tick0": 0, "dtick": 1}
    return ticks


def count_axis(figure: go.Figure, values: pd.Series, axis: Literal["x", "y"] = "y") -> None:
    """Whole-number ticks from zero on ``axis`` when ``values`` (the bar or stack tops) count.

    The axis does not zoom (the other one still does): zoomed into a short range, Plotly would
    step a count axis by halves again.
    """
    if not pd.api.types.is_integer_dtype(values):
        return
    top = float(values.max()) if len(values) else 0.0
    update_axis(figure, axis, rangemode="tozero", fixedrange=True, **count_ticks(top))


def by_value(df: pd.DataFrame, value: str, dimension: str) -> pd.DataFrame:
    """Rows largest first, unless the dimension has an order of its own (size classes)."""
    if dimension in ORDINAL:
        return df
    return df.sort_values(value, ascending=False, kind="stable", na_position="last")


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
