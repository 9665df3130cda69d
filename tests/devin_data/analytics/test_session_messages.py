"""One session's message frame, its waiting gaps and the previews of its messages."""

from __future__ import annotations

import pandas as pd
from message_fakes import MESSAGES, SID, message, utc

from devin_data.analytics.session import (
    preview,
    session_messages_frame,
    total_wait,
    waiting_gaps,
)


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
    assert frame["created_at"].to_list() == [utc(0), utc(60), utc(300)]


def test_waiting_gaps_start_at_the_last_devinmessage() -> None:
    gaps = waiting_gaps(session_messages_frame(SID, MESSAGES))
    expected = pd.DataFrame(
        {
            "session_id": pd.Series([SID], dtype="str"),
            "start": pd.Series([utc(300)], dtype="datetime64[ns, UTC]"),
            "end": pd.Series([utc(300 + 45 * 60)], dtype="datetime64[ns, UTC]"),
            "duration": pd.Series([pd.Timedelta(minutes=45)], dtype="timedelta64[ns]"),
        }
    )
    pd.testing.assert_frame_equal(gaps, expected)
    assert total_wait(gaps) == pd.Timedelta(minutes=45)


def test_waiting_gaps_threshold_user_runs_and_trailing_devin() -> None:
    records = [
        message(0, "user", "a"),
        message(3600, "user", "b"),  # user after user: not a wait on Devin's side
        message(3660, "devin", "c"),
        message(3660 + 11 * 60, "user", "d"),  # 11 min
        message(9000, "devin", "e"),  # never answered: not a wait
    ]
    frame = session_messages_frame(SID, records)
    assert waiting_gaps(frame)["duration"].to_list() == [pd.Timedelta(minutes=11)]
    assert waiting_gaps(frame, pd.Timedelta(minutes=11)).empty
    assert waiting_gaps(frame, pd.Timedelta(minutes=5))["end"].to_list() == [utc(3660 + 660)]


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
