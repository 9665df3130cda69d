"""How every time series draws a period the range or the present cuts short, and a share that
rests on few sessions.

The frames come marked by :func:`devin_data.analytics.periods.mark` (``in_range``, ``partial``);
a partial bar is hatched and paler, a partial point hollow and joined by a dashed line, and the
hover of each says ``partial: 2 of 7 days``. A legend entry names the hatching once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from devin_data.analytics.periods import MIN_SESSIONS, next_start, notes

PARTIAL_LEGEND = "Partial period (hatched)"
PARTIAL_LINE_LEGEND = "Partial period (dashed)"
_GREY = "#8c8c8c"


def is_partial(frame: pd.DataFrame) -> np.ndarray:
    """Which rows are of a partial period (none when the frame is not marked)."""
    if "partial" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["partial"].to_numpy(dtype=bool)


def hover_notes(frame: pd.DataFrame, unit: str, column: str = "period") -> list[str]:
    """``<br>partial: 2 of 7 days`` for each partial row, "" for the others."""
    if "in_range" not in frame.columns:
        return [""] * len(frame)
    return [f"<br>{note}" if note else "" for note in notes(frame, unit, column)]


def bar_marker(frame: pd.DataFrame, color: str) -> dict[str, Any]:
    """A bar marker in ``color``, hatched and paler on the bars of partial periods."""
    cut = is_partial(frame)
    if not cut.any():
        return {"color": color}
    return {
        "color": color,
        "opacity": [0.55 if value else 1.0 for value in cut],
        "pattern": {"shape": ["/" if value else "" for value in cut]},
    }


def legend_entry(figure: go.Figure, frame: pd.DataFrame, *, line: bool = False) -> None:
    """One legend entry naming how partial periods are drawn, when the figure has any (a trace
    without points, so totals over the traces are unchanged)."""
    if not is_partial(frame).any():
        return
    if line:
        trace: Any = go.Scatter(
            x=[],
            y=[],
            name=PARTIAL_LINE_LEGEND,
            mode="lines+markers",
            line={"color": _GREY, "dash": "dash"},
            marker={"symbol": "circle-open", "color": _GREY},
        )
    else:
        trace = go.Bar(
            x=[None],
            y=[None],
            name=PARTIAL_LEGEND,
            marker={"color": _GREY, "pattern": {"shape": "/"}},
        )
    figure.add_trace(trace.update(hoverinfo="skip", showlegend=True))


def line_parts(values: pd.Series, partial: np.ndarray) -> tuple[list[Any], list[Any]]:
    """The values of a line split in two: the solid line through whole periods, and the dashed
    one joining each partial point to its neighbours (None where a trace has no point)."""
    near = partial.copy()
    near[1:] |= partial[:-1]
    near[:-1] |= partial[1:]
    solid = [None if cut else value for value, cut in zip(values, partial, strict=True)]
    dashed = [value if close else None for value, close in zip(values, near, strict=True)]
    return solid, dashed


def share_parts(share: pd.Series, sessions: pd.Series) -> tuple[list[Any], list[Any]]:
    """A share per period split in two: the line through periods of at least
    :data:`MIN_SESSIONS` sessions, and the hollow markers of periods with fewer."""
    enough = (sessions >= MIN_SESSIONS).to_numpy()
    line = [value if ok else None for value, ok in zip(share, enough, strict=True)]
    few = [None if ok else value for value, ok in zip(share, enough, strict=True)]
    return line, few


def shade(figure: go.Figure, frame: pd.DataFrame, unit: str) -> None:
    """A faint band with a dashed edge over each partial period, for charts (areas, steps) whose
    marks cannot be hatched one by one."""
    cut = frame.loc[is_partial(frame), "period"].drop_duplicates()
    starts = pd.DatetimeIndex(cut)
    for begin, end in zip(starts, next_start(starts, unit), strict=True):
        figure.add_vrect(
            x0=begin,
            x1=end,
            fillcolor=_GREY,
            opacity=0.18,
            line={"dash": "dash", "color": _GREY, "width": 1},
            annotation_text="partial",
            annotation_position="top left",
        )
