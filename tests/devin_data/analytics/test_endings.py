"""Outcomes over time: ended sessions per local day or week by status and detail, merged share."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from frame_fakes import T0, frame, record

from devin_data.analytics.endings import merged_share_over_time, outcome_label, outcomes_over_time


def _sessions() -> pd.DataFrame:
    late = T0 + timedelta(hours=14)  # ends 23:30 UTC on Monday, Tuesday in Kolkata
    return frame(
        [
            record(
                "devin-a",
                status="exit",
                status_detail="finished",
                pull_requests=[{"pr_url": "https://x/1", "pr_state": "merged"}],
            ),
            record("devin-b", status="exit", status_detail="finished"),
            record("devin-c", status="error", status_detail="error"),
            record("devin-d", status="suspended", status_detail="inactivity", created=late),
            record("devin-e", status="running", status_detail="working"),
            record("devin-f", status="suspended", status_detail="brand_new_reason"),
            record(
                "devin-g",
                status="exit",
                status_detail=None,
                pull_requests=[{"pr_url": "https://x/2", "pr_state": None}],
            ),
        ]
    )


def test_only_ended_sessions_count_by_status_and_detail() -> None:
    out = outcomes_over_time(_sessions(), "UTC", "D")
    assert out["sessions"].sum() == 6  # the running session has not ended
    by = out.groupby("outcome")["sessions"].sum().to_dict()
    assert by == {
        "Exit · Finished": 2,
        "Error · Error": 1,
        "Suspended · Inactivity": 1,
        "Suspended · Brand new reason": 1,
        "Exit": 1,
    }
    assert out["outcome"].iloc[0] == "Exit · Finished"  # the most common outcome first
    assert set(out["period"]) == {pd.Timestamp("2026-03-02")}


def test_a_session_ends_in_the_viewers_day_of_its_last_update() -> None:
    out = outcomes_over_time(_sessions(), "Asia/Kolkata", "D")
    late = out[out["outcome"] == "Suspended · Inactivity"]
    assert late["period"].tolist() == [pd.Timestamp("2026-03-03")]
    assert out[out["period"] == pd.Timestamp("2026-03-02")]["sessions"].sum() == 5


def test_weeks_start_on_monday() -> None:
    sessions = frame(
        [
            record("devin-a", created=T0 - timedelta(days=1)),  # Sunday
            record("devin-b", created=T0 + timedelta(days=6)),  # Sunday after
        ]
    )
    out = outcomes_over_time(sessions, "UTC", "W")
    assert sorted(out["period"]) == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]


def test_merged_share_leaves_out_sessions_whose_pr_states_are_missing() -> None:
    share = merged_share_over_time(_sessions(), "UTC", "D")
    row = share.iloc[0]
    assert (row["ended"], row["with_merged_pr"], row["known"]) == (6, 1, 5)
    assert row["share"] == 1 / 5


def test_no_known_pr_state_gives_no_share_rather_than_zero() -> None:
    sessions = frame(
        [record("devin-a", pull_requests=[{"pr_url": "https://x/1", "pr_state": None}])]
    )
    share = merged_share_over_time(sessions, "UTC", "D")
    assert share["known"].tolist() == [0]
    assert share["share"].isna().all()


def test_labels_read_the_same_as_elsewhere() -> None:
    assert outcome_label("suspended", "usage_limit_exceeded") == "Suspended · Usage limit exceeded"
    assert outcome_label("exit", None) == "Exit"
    assert outcomes_over_time(frame([]), "UTC", "D").empty
