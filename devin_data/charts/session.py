"""The message timeline of one session: a strip of markers per source along a time axis.

Times are shown as wall-clock times of the viewer's zone. Spans where Devin waited on a person are
shaded across the plot and repeated as bars in a row of their own, so they have a hover too.
Hover text is HTML-escaped: message text never turns into markup.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.analytics.session import preview
from devin_data.charts.overview import empty_figure
from devin_data.charts.palette import color_for
from devin_data.charts.style import duration_text, layout, update_axis
from devin_data.frames.activity import MESSAGE_SOURCES
from devin_data.frames.columns import wall

WAIT_ROW = "Waiting on a person"
WAIT_COLOR = "#c58202"
EMPTY_MESSAGES = "No messages in this session yet."
_TIME = "%Y-%m-%d %H:%M:%S"


def source_label(source: str) -> str:
    """``devin`` → ``Devin``; the row name of a source on the chart."""
    return source.capitalize() if source else "Unknown"


def _sources(messages: pd.DataFrame) -> list[str]:
    present = [str(s) for s in messages["source"].dropna().unique()]
    known = [s for s in MESSAGE_SOURCES if s in present]
    return known + sorted(s for s in present if s not in MESSAGE_SOURCES)


def _message_trace(messages: pd.DataFrame, source: str, tz: str) -> go.Scatter:
    rows = messages[messages["source"].astype("object") == source]
    local = wall(rows["created_at"], tz)
    label = source_label(source)
    return go.Scatter(
        name=label,
        x=local.to_list(),
        y=[label] * len(rows),
        mode="markers",
        marker={"color": color_for("source", source), "size": 11, "line": {"width": 0}},
        customdata=[
            [t.strftime(_TIME), preview(m)] for t, m in zip(local, rows["message"], strict=True)
        ],
        hovertemplate="%{customdata[0]}<br>%{fullData.name}: %{customdata[1]}<extra></extra>",
    )


def _wait_trace(gaps: pd.DataFrame, tz: str) -> go.Bar:
    start, end = wall(gaps["start"], tz), wall(gaps["end"], tz)
    milliseconds = (gaps["duration"].dt.total_seconds() * 1000.0).to_list()
    return go.Bar(
        name=WAIT_ROW,
        orientation="h",
        base=start.to_list(),
        x=milliseconds,
        y=[WAIT_ROW] * len(gaps),
        marker={"color": WAIT_COLOR},
        customdata=[
            [s.strftime(_TIME), e.strftime(_TIME), duration_text(d)]
            for s, e, d in zip(start, end, gaps["duration"], strict=True)
        ],
        hovertemplate=(
            "Devin waited on a person for %{customdata[2]}"
            "<br>from %{customdata[0]}<br>to %{customdata[1]}<extra></extra>"
        ),
    )


def _shade(figure: go.Figure, gaps: pd.DataFrame, tz: str) -> None:
    start, end = wall(gaps["start"], tz), wall(gaps["end"], tz)
    for x0, x1 in zip(start, end, strict=True):
        figure.add_vrect(
            x0=x0, x1=x1, fillcolor=WAIT_COLOR, opacity=0.18, line_width=0, layer="below"
        )


def message_timeline_chart(
    messages: pd.DataFrame, gaps: pd.DataFrame, *, tz: str = "UTC", title: str = ""
) -> go.Figure:
    """Markers per message on a row per source, plus the waiting spans (``waiting_gaps``).

    ``messages`` needs created_at (UTC), source and message columns (``session_messages_frame``).
    """
    if messages.empty:
        return empty_figure(EMPTY_MESSAGES)
    sources = _sources(messages)
    figure = go.Figure([_message_trace(messages, source, tz) for source in sources])
    rows = [source_label(s) for s in reversed(sources)]
    if len(gaps):
        figure.add_trace(_wait_trace(gaps, tz))
        _shade(figure, gaps, tz)
        rows = [WAIT_ROW, *rows]
    figure.update_layout(height=140 + 45 * len(rows), hovermode="closest")
    update_axis(figure, "x", type="date")
    update_axis(figure, "y", type="category", categoryorder="array", categoryarray=rows)
    return layout(figure, title, f"Time ({tz})", "")


def timeline_data(messages: pd.DataFrame, gaps: pd.DataFrame) -> pd.DataFrame:
    """The chart's data for download: one row per message with the wait that preceded it."""
    waited = dict(zip(gaps["end"], gaps["duration"], strict=True))
    return pd.DataFrame(
        {
            "created_at": messages["created_at"],
            "source": messages["source"].astype("object"),
            "waited_before": [waited.get(t, pd.NaT) for t in messages["created_at"]],
            "message": messages["message"],
        }
    ).reset_index(drop=True)
