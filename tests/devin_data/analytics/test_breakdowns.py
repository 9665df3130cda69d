"""sessions_per_period, distribution and message_histogram on small inline frames."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import pytest
from frame_fakes import frame, record, utc

from devin_data.analytics import distribution, message_histogram, sessions_per_period


def _periods(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days)).as_unit("ns"))


def _per_period(
    days: list[str], statuses: list[str], counts: list[int], in_range: list[float] | None = None
) -> pd.DataFrame:
    share = np.array(in_range or [1.0] * len(days), dtype="float64")
    return pd.DataFrame(
        {
            "period": _periods(*days),
            "status": pd.Categorical(statuses, dtype=pd.CategoricalDtype(["exit", "error"])),
            "sessions": np.array(counts, dtype="int64"),
            "in_range": share,
            "partial": share < 1.0,
        }
    )


def test_sessions_per_period_day_boundaries_follow_the_timezone() -> None:
    rows = frame([record("late", created=utc(2026, 1, 1, 23, 30))])
    utc_days = sessions_per_period(rows, "D", "UTC")
    berlin_days = sessions_per_period(rows, "D", "Europe/Berlin")
    assert utc_days["period"].tolist() == [pd.Timestamp("2026-01-01")]
    assert berlin_days["period"].tolist() == [pd.Timestamp("2026-01-02")]


def test_sessions_per_period_zero_fills_days_and_statuses() -> None:
    rows = frame(
        [
            record("a", created=utc(2026, 1, 1, 8), status="exit"),
            record("b", created=utc(2026, 1, 1, 9), status="exit"),
            record("c", created=utc(2026, 1, 3, 8), status="error"),
        ]
    )
    expected = _per_period(
        ["2026-01-01", "2026-01-01", "2026-01-02", "2026-01-02", "2026-01-03", "2026-01-03"],
        ["exit", "error"] * 3,
        [2, 0, 0, 0, 0, 1],
    )
    pd.testing.assert_frame_equal(sessions_per_period(rows), expected)


def test_sessions_per_period_weeks_start_on_monday_and_cut_weeks_are_partial() -> None:
    rows = frame(
        [
            record("a", created=utc(2026, 1, 7), status="exit"),  # Wednesday
            record("b", created=utc(2026, 1, 11, 22), status="error"),  # Sunday
        ]
    )
    # From a Wednesday to the end of a Monday: 5 days of the first week, 1 of the last.
    got = sessions_per_period(rows, "W", start=utc(2025, 12, 31), end=utc(2026, 1, 13))
    expected = _per_period(
        ["2025-12-29", "2025-12-29", "2026-01-05", "2026-01-05", "2026-01-12", "2026-01-12"],
        ["exit", "error"] * 3,
        [0, 0, 1, 1, 0, 0],
        [5 / 7] * 2 + [1.0] * 2 + [1 / 7] * 2,
    )
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(
    ("tz", "offset"),
    [("UTC", 0), ("Europe/Berlin", 1), ("America/Los_Angeles", -8), ("Asia/Kolkata", 5.5)],
)
def test_partial_weeks_are_measured_in_the_viewers_days(tz: str, offset: float) -> None:
    """A range of local midnights from a Thursday to a Tuesday: 4 and 2 of 7 days, any zone."""
    shift = timedelta(hours=offset)
    rows = frame([record("a", created=utc(2026, 1, 13, 12) - shift, status="exit")])
    start, end = utc(2026, 1, 8) - shift, utc(2026, 1, 21) - shift  # Thu 8th to Tue 20th
    got = sessions_per_period(rows, "W", tz, start=start, end=end)
    weeks = got.drop_duplicates("period")
    assert weeks["period"].dt.strftime("%a %d").tolist() == ["Mon 05", "Mon 12", "Mon 19"]
    assert weeks["in_range"].round(6).tolist() == [round(4 / 7, 6), 1.0, round(2 / 7, 6)]
    days = sessions_per_period(rows, "D", tz, start=start, end=end)
    assert (days["in_range"] == 1.0).all()


def test_a_period_still_under_way_is_partial() -> None:
    rows = frame([record("a", created=utc(2026, 1, 7, 3), status="exit")])
    got = sessions_per_period(rows, "D", start=utc(2026, 1, 6), end=utc(2026, 1, 7, 18))
    assert got.drop_duplicates("period")["in_range"].tolist() == [1.0, 0.75]


def test_sessions_per_period_empty_and_bad_freq() -> None:
    got = sessions_per_period(frame([]), "D")
    assert got.empty
    assert got.dtypes.astype(str).to_list() == [
        "datetime64[ns]",
        "category",
        "int64",
        "float64",
        "bool",
    ]
    with pytest.raises(ValueError, match="freq"):
        sessions_per_period(frame([]), "M")  # type: ignore[arg-type]


def test_distribution_keeps_category_order_and_drops_empty_values() -> None:
    rows = frame(
        [
            record("a", session_size="xl", acus_consumed=5.0),
            record("b", session_size="s", acus_consumed=1.0),
            record("c", session_size="s", acus_consumed=2.0),
            record("d", session_size=None, acus_consumed=9.0),
        ]
    )
    expected = pd.DataFrame(
        {
            "value": pd.Categorical(
                ["s", "xl"], dtype=pd.CategoricalDtype(["s", "xl"], ordered=True)
            ),
            "sessions": np.array([2, 1], dtype="int64"),
            "acus": [3.0, 5.0],
            "share": [2 / 3, 1 / 3],
        }
    )
    pd.testing.assert_frame_equal(distribution(rows, "session_size"), expected)


def test_distribution_of_text_and_tuple_columns() -> None:
    rows = frame(
        [
            record("a", user_id="zed", tags=["x", "y"], acus_consumed=1.0),
            record("b", user_id="amy", tags=["y"], acus_consumed=2.0),
            record("c", user_id="zed", tags=[], acus_consumed=4.0),
        ]
    )
    users = distribution(rows, "user_id")
    assert users["value"].tolist() == ["zed", "amy"]
    assert users["sessions"].tolist() == [2, 1]
    assert users["acus"].tolist() == [5.0, 2.0]
    tags = distribution(rows, "tags")
    assert tags["value"].tolist() == ["y", "x"]
    assert tags["sessions"].tolist() == [2, 1]
    assert tags["share"].tolist() == [1.0, 0.5]  # relative to the 2 sessions that have tags


def test_distribution_of_no_sessions() -> None:
    got = distribution(frame([]), "status")
    assert got.empty
    assert list(got.columns) == ["value", "sessions", "acus", "share"]


def test_message_histogram_buckets() -> None:
    rows = frame(
        [
            record("a", num_user_messages=0, num_devin_messages=4),
            record("b", num_user_messages=1, num_devin_messages=12),
            record("c", num_user_messages=4, num_devin_messages=None),
        ]
    )
    buckets = ["0", "1", "2", "3–5", "6–10", "11–20"]
    expected = pd.DataFrame(
        {
            "source": pd.Categorical(["user"] * 6 + ["devin"] * 6, categories=["user", "devin"]),
            "messages": pd.Categorical(
                buckets * 2,
                dtype=pd.CategoricalDtype(
                    ["0", "1", "2", "3–5", "6–10", "11–20", "21–50", "51–100", "101+"],
                    ordered=True,
                ),
            ),
            "sessions": np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1], dtype="int64"),
        }
    )
    pd.testing.assert_frame_equal(message_histogram(rows), expected)


def test_message_histogram_open_ended_bucket_and_empty() -> None:
    got = message_histogram(frame([record("a", num_user_messages=500)]))
    assert got["messages"].iloc[-1] == "101+"
    assert got["sessions"].sum() == 2
    assert message_histogram(frame([])).empty


def test_distribution_acus_are_missing_where_no_session_reports_them() -> None:
    rows = frame(
        [
            record("a", session_size="s", acus_consumed=1.5),
            record("b", session_size="s", acus_consumed=None),
            record("c", session_size="l", acus_consumed=None),
        ]
    )
    got = distribution(rows, "session_size")
    assert got["value"].tolist() == ["s", "l"]
    assert got["sessions"].tolist() == [2, 1]
    assert got["acus"].iloc[0] == 1.5
    assert pd.isna(got["acus"].iloc[1])


def test_sessions_per_period_end_is_exclusive() -> None:
    rows = frame([record("a", created=utc(2026, 1, 1, 8), status="exit")])
    got = sessions_per_period(rows, "D", start=utc(2026, 1, 1), end=utc(2026, 1, 3))
    assert got["period"].tolist() == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-02")]
    assert got["sessions"].tolist() == [1, 0]
