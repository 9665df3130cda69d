"""Timelines aggregations: session rows, sessions active per period, concurrency, rhythm."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import timelines

H = timedelta(hours=1)


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


def test_sessions_active_count_every_local_hour_a_session_touches() -> None:
    sessions = frame(
        [
            record(
                "a",
                created=utc(2026, 3, 2, 9, 10),
                status="exit",
                updated_at=utc(2026, 3, 2, 11, 5),
            ),
            record(
                "b",
                created=utc(2026, 3, 2, 10, 0),
                status="running",
                updated_at=utc(2026, 3, 2, 10, 0),
            ),  # no later update: its creation hour only
        ]
    )
    # Kolkata is UTC+5:30, so 09:10 UTC is 14:40 local.
    counted = timelines.active_by_status(sessions, "Asia/Kolkata", "h")
    expected = _long(
        ["2026-03-02 14:00", "2026-03-02 15:00", "2026-03-02 16:00"],
        ["running", "exit"],
        [[0, 1], [1, 1], [0, 1]],
    )
    pd.testing.assert_frame_equal(counted, expected)
    assert timelines.active_by_status(frame([]), "UTC", "D").empty


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
