"""Timelines aggregations: recent and created sessions, observed status, concurrency, rhythm."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import timelines
from devin_data.frames.activity import build_status_history_frame

H = timedelta(hours=1)


def _history(**observations: list[tuple[Any, str]]) -> pd.DataFrame:
    """Status history frame from {session: [(datetime, status), ...]}."""
    return build_status_history_frame(
        {
            f"devin-{sid}": [{"observed_at": at.timestamp(), "status": st} for at, st in rows]
            for sid, rows in observations.items()
        }
    )


def _long(periods: list[str], statuses: list[str], counts: list[list[int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.DatetimeIndex(periods).as_unit("ns").repeat(len(statuses)),
            "status": pd.Categorical(statuses * len(periods), categories=statuses),
            "sessions": np.array(counts, dtype="int64").reshape(-1),
        }
    )


def test_pick_freq_is_hourly_only_for_short_ranges() -> None:
    start = pd.Timestamp("2026-03-02", tz="UTC")
    assert timelines.pick_freq(start, start + pd.Timedelta(days=3)) == "h"
    assert timelines.pick_freq(start, start + pd.Timedelta(days=3, seconds=1)) == "D"
    assert timelines.pick_freq(None, start) == "D"
    assert timelines.pick_freq(pd.NaT, pd.NaT) == "D"


def test_recent_sessions_are_the_newest_in_local_time() -> None:
    sessions = frame(
        record(sid, created=utc(2026, 3, 2, hour), status=status)
        for sid, hour, status in [("a", 9, "exit"), ("b", 11, "running"), ("c", 10, "error")]
    )
    recent = timelines.recent_sessions(sessions, 2, "Asia/Tokyo")
    assert recent["session_id"].to_list() == ["devin-b", "devin-c"]
    assert recent["status"].astype("str").to_list() == ["running", "error"]
    assert recent["start"].to_list() == [
        pd.Timestamp("2026-03-02 20:00"),
        pd.Timestamp("2026-03-02 19:00"),
    ]
    assert recent["end"].to_list() == [
        pd.Timestamp("2026-03-02 20:30"),
        pd.Timestamp("2026-03-02 19:30"),
    ]
    assert (recent["duration"] == pd.Timedelta(minutes=30)).all()
    assert timelines.recent_sessions(sessions, 0, "UTC").empty


def test_recent_sessions_break_ties_at_the_limit_by_session_id() -> None:
    sessions = frame(
        record(sid, created=utc(2026, 3, 2, hour))
        for sid, hour in [("b", 9), ("d", 10), ("a", 10), ("e", 8), ("c", 10), ("f", 11)]
    )
    recent = timelines.recent_sessions(sessions, 3, "UTC")
    # f is the newest; of the three created at 10:00 the highest ids come first.
    assert recent["session_id"].to_list() == ["devin-f", "devin-d", "devin-c"]
    everything = timelines.recent_sessions(sessions, 10, "UTC")
    assert everything["session_id"].to_list()[3:] == ["devin-a", "devin-b", "devin-e"]


def test_created_by_status_counts_per_local_hour_zero_filled() -> None:
    sessions = frame(
        [
            record("a", created=utc(2026, 3, 2, 9, 5)),
            record("b", created=utc(2026, 3, 2, 9, 55), status="error"),
            record("c", created=utc(2026, 3, 2, 11, 0)),
        ]
    )
    counted = timelines.created_by_status(sessions, "Asia/Kolkata", "h")
    # 09:05, 09:55 and 11:00 UTC are 14:35, 15:25 and 16:30 in India (UTC+05:30).
    expected = _long(
        ["2026-03-02 14:00", "2026-03-02 15:00", "2026-03-02 16:00"],
        ["exit", "error"],
        [[1, 0], [0, 1], [1, 0]],
    )
    pd.testing.assert_frame_equal(counted, expected)


def test_created_by_status_of_nothing_is_empty() -> None:
    counted = timelines.created_by_status(frame([]), "UTC", "D")
    assert counted.empty
    assert list(counted.columns) == ["period", "status", "sessions"]


def test_status_over_time_forward_fills_observations_per_local_day() -> None:
    t0 = utc(2026, 3, 2, 9)  # 04:00 in New York
    sessions = frame(
        [
            record("a", created=t0, status="exit"),
            record("b", created=t0 + 2 * H, status="exit"),
            record("c", created=t0 + timedelta(days=1), status="error"),  # never observed
        ]
    )
    history = _history(
        a=[(t0 + H, "running"), (t0 + timedelta(days=2), "exit")],
        b=[(t0 + timedelta(days=1), "exit")],
        zzz=[(t0, "running")],  # not in the filtered sessions: ignored
    )
    by_day = timelines.status_over_time(history, sessions, "America/New_York")
    expected = _long(
        ["2026-03-02", "2026-03-03", "2026-03-04"],
        ["running", "exit", "error"],
        [[1, 1, 0], [1, 1, 1], [0, 2, 1]],
    )
    pd.testing.assert_frame_equal(by_day, expected)


def test_status_over_time_appends_unknown_statuses_after_the_known_ones() -> None:
    t0 = utc(2026, 3, 2, 9)
    sessions = frame(
        [
            record("a", created=t0, status="exit"),
            record("b", created=t0, status="zeta_state"),  # never observed: its own status
        ]
    )
    history = _history(
        a=[(t0 + H, "alpha_state"), (t0 + timedelta(days=1), "exit")],
        zzz=[(t0, "omega_state")],  # out of view: its status is not counted either
    )
    by_day = timelines.status_over_time(history, sessions, "UTC")
    expected = _long(
        ["2026-03-02", "2026-03-03"],
        ["exit", "alpha_state", "zeta_state"],
        [[0, 1, 1], [1, 0, 1]],
    )
    pd.testing.assert_frame_equal(by_day, expected)


def test_an_observation_at_midnight_counts_for_the_next_day_across_dst() -> None:
    # Berlin moves to summer time on 2026-03-29; its next midnight is 22:00 UTC.
    sessions = frame([record("a", created=utc(2026, 3, 29, 8))])
    history = _history(a=[(utc(2026, 3, 29, 8), "running"), (utc(2026, 3, 29, 22), "exit")])
    by_day = timelines.status_over_time(history, sessions, "Europe/Berlin")
    expected = _long(["2026-03-29", "2026-03-30"], ["running", "exit"], [[1, 0], [0, 1]])
    pd.testing.assert_frame_equal(by_day, expected)


def test_a_single_snapshot_counts_each_session_from_its_creation() -> None:
    sessions = frame(
        [record("a", created=utc(2026, 3, 2, 9)), record("b", created=utc(2026, 3, 4, 9))]
    )
    history = _history(a=[(utc(2026, 3, 5, 12), "exit")], b=[(utc(2026, 3, 5, 12), "exit")])
    by_day = timelines.status_over_time(history, sessions, "UTC")
    assert by_day["sessions"].to_list() == [1, 1, 2, 2]
    assert timelines.history_coverage(history) == (1, 2)
    assert timelines.status_over_time(history, frame([]), "UTC").empty


def test_concurrency_sweeps_starts_and_ends() -> None:
    sessions = frame(
        [
            record("a", created=utc(2026, 3, 2, 9), updated_at=utc(2026, 3, 2, 14)),
            record("b", created=utc(2026, 3, 2, 11, 30), updated_at=utc(2026, 3, 2, 12)),
            record("c", created=utc(2026, 3, 2, 12), updated_at=utc(2026, 3, 2, 12, 30)),
            record("d", created=utc(2026, 3, 2, 10), updated_at=utc(2026, 3, 2, 10)),  # instant
        ]
    )
    running = timelines.concurrency(sessions, "America/Los_Angeles", "h")
    # b hands over to c at 12:00 UTC exactly, so they never overlap; d lasts no time at all.
    expected = pd.DataFrame(
        {
            "period": pd.date_range("2026-03-02 01:00", "2026-03-02 06:00", freq="h").as_unit("ns"),
            "running": np.array([1, 1, 2, 2, 1, 0], dtype="int64"),
        }
    )
    pd.testing.assert_frame_equal(running, expected)


def test_concurrency_per_day_carries_sessions_through_quiet_days() -> None:
    sessions = frame(
        [
            record("a", created=utc(2026, 3, 2, 9), updated_at=utc(2026, 3, 5, 9)),
            record("b", created=utc(2026, 3, 2, 10), updated_at=utc(2026, 3, 2, 11)),
        ]
    )
    running = timelines.concurrency(sessions, "UTC", "D")
    assert running["period"].to_list() == list(pd.date_range("2026-03-02", "2026-03-05"))
    assert running["running"].to_list() == [2, 1, 1, 1]
    assert timelines.concurrency(frame([]), "UTC", "D").empty


@pytest.mark.parametrize(
    ("tz", "weekday", "hour"),
    [("UTC", "Mon", 3), ("America/Los_Angeles", "Sun", 19), ("Asia/Kolkata", "Mon", 9)],
)
def test_weekday_hour_uses_the_viewer_zone(tz: str, weekday: str, hour: int) -> None:
    sessions = frame(
        [record("a", created=utc(2026, 3, 2, 3, 30)), record("b", created=utc(2026, 3, 2, 3, 45))]
    )
    cells = timelines.weekday_hour(sessions, tz)
    assert len(cells) == 168
    assert cells["weekday"].cat.categories.to_list() == list(timelines.WEEKDAYS)
    hit = cells[cells["sessions"] > 0]
    assert [(str(d), h, n) for d, h, n in hit.itertuples(index=False)] == [(weekday, hour, 2)]
    assert cells["sessions"].dtype == "int64"
