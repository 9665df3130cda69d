"""One session's message frame, its waiting gaps and the message timeline figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from devin_data.analytics.session import (
    preview,
    session_messages_frame,
    total_wait,
    waiting_gaps,
)
from devin_data.charts.palette import SOURCE_COLORS, color_for
from devin_data.charts.session import (
    EMPTY_MESSAGES,
    WAIT_COLOR,
    WAIT_ROW,
    duration_text,
    message_timeline_chart,
    timeline_data,
)

SID = "devin-abc"
T0 = 1_767_254_400.0  # 2026-01-01 08:00:00 UTC


def _message(offset_s: float, source: str, text: str) -> dict[str, object]:
    return {"created_at": T0 + offset_s, "source": source, "message": text, "event_id": None}


MESSAGES = [
    _message(0, "user", "Please fix the orders page."),
    _message(60, "devin", "Looking into it."),
    _message(300, "devin", "Which branch should I use?"),
    _message(300 + 45 * 60, "user", "main"),  # answered after 45 minutes: a wait
    _message(300 + 45 * 60 + 120, "devin", "Done, PR opened."),
    _message(300 + 45 * 60 + 600, "user", "Thanks!"),  # 8 minutes: not a wait
    _message(300 + 45 * 60 + 700, "devin", '<script>alert("x")</script> shipped'),
]


def _utc(offset_s: float) -> pd.Timestamp:
    return pd.Timestamp(T0 + offset_s, unit="s", tz="UTC")


def test_messages_frame_sorts_by_time_and_keeps_the_text() -> None:
    shuffled = [MESSAGES[2], MESSAGES[0], MESSAGES[1]]
    frame = session_messages_frame(SID, shuffled)
    assert frame["message"].to_list() == [
        "Please fix the orders page.",
        "Looking into it.",
        "Which branch should I use?",
    ]
    assert frame["source"].astype("object").to_list() == ["user", "devin", "devin"]
    assert frame["message_index"].to_list() == [0, 1, 2]
    assert frame["created_at"].to_list() == [_utc(0), _utc(60), _utc(300)]


def test_waiting_gaps_start_at_the_last_devin_message() -> None:
    gaps = waiting_gaps(session_messages_frame(SID, MESSAGES))
    expected = pd.DataFrame(
        {
            "session_id": pd.Series([SID], dtype="str"),
            "start": pd.Series([_utc(300)], dtype="datetime64[ns, UTC]"),
            "end": pd.Series([_utc(300 + 45 * 60)], dtype="datetime64[ns, UTC]"),
            "duration": pd.Series([pd.Timedelta(minutes=45)], dtype="timedelta64[ns]"),
        }
    )
    pd.testing.assert_frame_equal(gaps, expected)
    assert total_wait(gaps) == pd.Timedelta(minutes=45)


def test_waiting_gaps_threshold_user_runs_and_trailing_devin() -> None:
    records = [
        _message(0, "user", "a"),
        _message(3600, "user", "b"),  # user after user: not a wait on Devin's side
        _message(3660, "devin", "c"),
        _message(3660 + 11 * 60, "user", "d"),  # 11 min
        _message(9000, "devin", "e"),  # never answered: not a wait
    ]
    frame = session_messages_frame(SID, records)
    assert waiting_gaps(frame)["duration"].to_list() == [pd.Timedelta(minutes=11)]
    assert waiting_gaps(frame, pd.Timedelta(minutes=11)).empty
    assert waiting_gaps(frame, pd.Timedelta(minutes=5))["end"].to_list() == [_utc(3660 + 660)]


def test_waiting_gaps_of_no_messages() -> None:
    gaps = waiting_gaps(session_messages_frame(SID, []))
    assert gaps.empty
    assert list(gaps.columns) == ["session_id", "start", "end", "duration"]
    assert total_wait(gaps) == pd.Timedelta(0)


def test_preview_is_one_escaped_line_of_at_most_80_characters() -> None:
    assert preview("a\n  b") == "a b"
    assert preview("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    long = preview("x" * 200)
    assert len(long) == 80
    assert long.endswith("…")
    assert preview(None) == ""


def test_duration_text() -> None:
    assert duration_text(pd.Timedelta(minutes=45)) == "45 min"
    assert duration_text(pd.Timedelta(minutes=125)) == "2 h 5 min"
    assert duration_text(pd.Timedelta(hours=27)) == "1 d 3 h"


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
    records = [_message(0, "user", "hi"), _message(30, "system", "note")]
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
