"""The message timeline figure of one session, with its waits."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from message_fakes import MESSAGES, SID, message

from devin_data.analytics.session import (
    session_messages_frame,
    waiting_gaps,
)
from devin_data.charts.palette import SOURCE_COLORS, color_for
from devin_data.charts.session import (
    EMPTY_MESSAGES,
    WAIT_COLOR,
    WAIT_ROW,
    message_timeline_chart,
    timeline_data,
)


def test_timeline_chart_has_a_strip_per_source_and_the_wait() -> None:
    frame = session_messages_frame(SID, MESSAGES)
    figure = message_timeline_chart(frame, waiting_gaps(frame), tz="Europe/Paris")
    user, devin, wait = figure.data
    assert isinstance(user, go.Scatter)
    assert (user.name, devin.name, wait.name) == ("User", "Devin", WAIT_ROW)
    assert user.marker.color == SOURCE_COLORS["user"]
    assert devin.marker.color == SOURCE_COLORS["devin"]
    assert set(user.y) == {"User"}
    assert len(user.x) == 3
    assert len(devin.x) == 4
    # Paris is UTC+1 in January: the axis shows wall-clock times.
    assert user.x[0] == pd.Timestamp("2026-01-01 09:00:00")
    assert list(user.customdata[0]) == ["2026-01-01 09:00:00", "Please fix the orders page."]
    assert devin.customdata[-1][1] == '&lt;script&gt;alert("x")&lt;/script&gt; shipped'
    assert isinstance(wait, go.Bar)
    assert wait.orientation == "h"
    assert list(wait.x) == [45 * 60 * 1000.0]
    assert wait.base[0] == pd.Timestamp("2026-01-01 09:05:00")
    assert list(wait.customdata[0]) == ["2026-01-01 09:05:00", "2026-01-01 09:50:00", "45 min"]
    (shade,) = figure.layout.shapes
    assert (shade.x0, shade.x1) == (
        pd.Timestamp("2026-01-01 09:05:00"),
        pd.Timestamp("2026-01-01 09:50:00"),
    )
    assert shade.fillcolor == WAIT_COLOR
    assert list(figure.layout.yaxis.categoryarray) == [WAIT_ROW, "Devin", "User"]
    assert figure.layout.xaxis.title.text == "Time (Europe/Paris)"
    assert figure.layout.paper_bgcolor == "rgba(0,0,0,0)"


def test_timeline_chart_without_waits_and_with_an_unknown_source() -> None:
    records = [message(0, "user", "hi"), message(30, "system", "note")]
    frame = session_messages_frame(SID, records)
    figure = message_timeline_chart(frame, waiting_gaps(frame))
    assert [trace.name for trace in figure.data] == ["User", "System"]
    assert figure.data[1].marker.color == color_for("source", "system")
    assert figure.layout.shapes == ()
    assert list(figure.layout.yaxis.categoryarray) == ["System", "User"]
    assert figure.layout.xaxis.title.text == "Time (UTC)"


def test_timeline_chart_of_no_messages_says_so() -> None:
    frame = session_messages_frame(SID, [])
    figure = message_timeline_chart(frame, waiting_gaps(frame))
    assert figure.data == ()
    assert figure.layout.annotations[0].text == EMPTY_MESSAGES


def test_timeline_data_marks_the_wait_before_each_reply() -> None:
    frame = session_messages_frame(SID, MESSAGES)
    data = timeline_data(frame, waiting_gaps(frame))
    assert list(data.columns) == ["created_at", "source", "waited_before", "message"]
    assert len(data) == len(MESSAGES)
    waited = data["waited_before"]
    assert waited[3] == pd.Timedelta(minutes=45)
    assert waited.drop(index=3).isna().all()
