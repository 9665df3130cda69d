"""Insight coverage by week: ended sessions, those with insights, the share, and what is missing."""

from __future__ import annotations

import pandas as pd

from devin_data.analytics import insight_coverage, missing_insights
from devin_data.frames.columns import enum_categorical
from devin_data.models import STATUSES


def _frame(rows: list[tuple[str, str, str, bool | None]]) -> pd.DataFrame:
    ids, created, statuses, analysed = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "session_id": list(ids),
            "status": enum_categorical(list(statuses), STATUSES),
            "created_at": pd.to_datetime(list(created), utc=True),
            "has_analysis": pd.array(list(analysed), dtype="boolean"),
        }
    )


SESSIONS = _frame(
    [
        ("devin-a", "2026-03-02T10:00Z", "exit", True),  # Monday
        ("devin-b", "2026-03-04T10:00Z", "error", False),
        ("devin-c", "2026-03-08T23:30Z", "suspended", None),  # Sunday late, UTC
        ("devin-d", "2026-03-05T10:00Z", "running", False),  # not ended: never counted
        ("devin-e", "2026-03-10T09:00Z", "exit", True),
        ("devin-f", "2026-03-02T02:00Z", "exit", False),  # Monday 02:00 UTC
    ]
)


def test_weeks_count_ended_sessions_and_the_share_with_insights() -> None:
    out = insight_coverage(SESSIONS, "UTC")
    expected = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02", "2026-03-09"]).astype("datetime64[ns]"),
            "ended": pd.Series([4, 1], dtype="int64"),
            "with_insights": pd.Series([1, 1], dtype="int64"),
            "missing": pd.Series([3, 0], dtype="int64"),
            "share": [0.25, 1.0],
        }
    )
    pd.testing.assert_frame_equal(out, expected)


def test_weeks_are_the_viewers() -> None:
    # In New York, Monday 02:00 UTC is still Sunday: devin-f falls in the week before; in
    # Kolkata, Sunday 23:30 UTC is already Monday: devin-c moves to the next week.
    new_york = insight_coverage(SESSIONS, "America/New_York")
    weeks = new_york["week"].dt.strftime("%Y-%m-%d").to_list()
    assert weeks == ["2026-02-23", "2026-03-02", "2026-03-09"]
    assert new_york["ended"].to_list() == [1, 3, 1]
    kolkata = insight_coverage(SESSIONS, "Asia/Kolkata")
    assert kolkata["week"].dt.strftime("%Y-%m-%d").to_list() == ["2026-03-02", "2026-03-09"]
    assert kolkata[["ended", "with_insights"]].to_numpy().tolist() == [[3, 1], [2, 1]]


def test_missing_lists_ended_sessions_without_insights_newest_first() -> None:
    assert missing_insights(SESSIONS) == ["devin-c", "devin-b", "devin-f"]


def test_no_ended_session_gives_no_week() -> None:
    running = SESSIONS[SESSIONS["status"] == "running"]
    out = insight_coverage(running, "UTC")
    assert out.empty
    assert list(out.columns) == ["week", "ended", "with_insights", "missing", "share"]
    assert missing_insights(running) == []
