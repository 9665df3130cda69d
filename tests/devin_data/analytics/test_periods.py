"""Partial periods: how much of each local day, week or month the range and now cover, in zones
with a DST change and a half-hour offset, and the marks every series carries."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from frame_fakes import frame, record

from devin_data.analytics import periods
from devin_data.analytics.adoption import active_series, active_users, within
from devin_data.analytics.breakdowns import sessions_per_period
from devin_data.analytics.coverage import insight_coverage
from devin_data.analytics.endings import merged_share_over_time, outcomes_over_time
from devin_data.analytics.spend import billed_beside_sessions, billed_frame, mark_billing_days
from devin_data.analytics.timelines import active_by_status, concurrency
from devin_data.analytics.waiting import working_waiting_per_period
from devin_data.frames.activity import build_messages_frame

NOW = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)  # Saturday evening UTC; Sunday in Kolkata
ZONES = ("UTC", "America/New_York", "Asia/Kolkata")  # DST on 8 Mar; UTC+05:30


def local(text: str, tz: str) -> datetime:
    """A local wall-clock time in ``tz`` as an aware datetime."""
    return pd.Timestamp(text).tz_localize(tz).to_pydatetime()


def naive(*days: str) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(list(days))).as_unit("ns")


def test_a_range_starting_mid_week_cuts_its_first_week_in_a_half_hour_zone() -> None:
    tz = "Asia/Kolkata"
    start = local("2026-03-04", tz)  # a Wednesday
    weeks = naive("2026-03-02", "2026-03-09")
    share = periods.coverage(weeks, "W", tz, start, NOW)
    # 5 of the first week's 7 days; Sunday 15 Mar 03:15 in Kolkata is now.
    assert share[0] == pytest.approx(5 / 7)
    assert share[1] == pytest.approx((6 + 3.25 / 24) / 7)
    marked = periods.mark(pd.DataFrame({"period": weeks}), "W", tz, (start, NOW))
    assert marked["partial"].to_list() == [True, True]
    assert periods.notes(marked, "W") == ["partial: 5 of 7 days", "partial: 6.1 of 7 days"]


def test_a_day_of_a_dst_change_is_23_hours_long() -> None:
    tz = "America/New_York"
    day = naive("2026-03-08")
    whole = periods.coverage(day, "D", tz, local("2026-03-08", tz), local("2026-03-09", tz))
    assert whole[0] == pytest.approx(1.0)
    # Midnight to noon on the day clocks spring forward is 11 of its 23 real hours.
    half = periods.coverage(day, "D", tz, None, local("2026-03-08 12:00", tz))
    assert half[0] == pytest.approx(11 / 23)


def test_months_are_cut_by_the_range_and_by_now() -> None:
    months = naive("2026-02-01", "2026-03-01")
    marked = periods.mark(
        pd.DataFrame({"period": months}), "M", "UTC", (local("2026-02-14", "UTC"), NOW)
    )
    assert marked["partial"].to_list() == [True, True]
    assert periods.notes(marked, "M") == ["partial: 15 of 28 days", "partial: 13.9 of 31 days"]


def test_whole_periods_carry_no_note_and_the_window_stops_at_now() -> None:
    window = periods.window_to_now(None, datetime(2026, 4, 1, tzinfo=UTC), NOW)
    assert window == (None, NOW)
    marked = periods.mark(pd.DataFrame({"period": naive("2026-03-13")}), "D", "UTC", window)
    assert marked["in_range"].to_list() == [1.0]
    assert periods.notes(marked, "D") == [""]


def _sessions(tz: str) -> pd.DataFrame:
    """Sessions every local day from Wednesday 4 Mar to Saturday 14 Mar at 10:00, ended 30 min
    later; the 12th had one, merged."""
    days = pd.date_range("2026-03-04 10:00", "2026-03-14 10:00", freq="D")
    created = [local(str(day), tz) for day in days]
    return frame(
        record(f"devin-{n}", created=moment, pr_states=("merged",) if n == 8 else ())
        for n, moment in enumerate(created)
    )


@pytest.mark.parametrize("tz", ZONES)
def test_every_series_marks_its_cut_weeks(tz: str) -> None:
    sessions = _sessions(tz)
    start = local("2026-03-04", tz)
    window = periods.window_to_now(start, None, NOW)
    mondays = ["2026-03-02", "2026-03-09"]
    series = {
        "overview": sessions_per_period(sessions, "W", tz, start=start, end=NOW),
        "insights": periods.mark(insight_coverage(sessions, tz), "W", tz, window, column="week"),
        "outcomes": periods.mark(outcomes_over_time(sessions, tz, "W"), "W", tz, window),
        "merged": periods.mark(merged_share_over_time(sessions, tz, "W"), "W", tz, window),
    }
    for name, marked in series.items():
        column = "week" if name == "insights" else "period"
        by_week = marked.groupby(column)["partial"].first()
        assert [f"{day:%Y-%m-%d}" for day in by_week.index] == mondays, name
        assert by_week.to_list() == [True, True], name
        assert (marked["in_range"].between(0, 1)).all(), name


@pytest.mark.parametrize("tz", ZONES)
def test_hours_and_days_under_way_are_partial(tz: str) -> None:
    sessions = _sessions(tz)
    window = periods.activity_window(None, NOW)
    for unit in ("h", "D"):
        active = periods.mark(active_by_status(sessions, tz, unit), unit, tz, window)  # type: ignore[arg-type]
        peak = periods.mark(concurrency(sessions, tz, unit), unit, tz, window)  # type: ignore[arg-type]
        for marked in (active, peak):
            assert not marked["partial"].to_numpy()[:-1].any()  # only the last period is cut
    days = periods.mark(outcomes_over_time(sessions, tz, "D"), "D", tz, window)
    today = pd.Timestamp(NOW).tz_convert(tz).date()
    last = days[days["period"] == days["period"].max()].iloc[0]
    # The last session ended on the 14th at 10:30 local: in Kolkata that day is over.
    assert last["partial"] == (last["period"].date() == today)
    if last["partial"]:
        begun = local(str(today), tz)
        assert last["in_range"] == pytest.approx((NOW - begun).total_seconds() / 86_400)


def test_working_hours_per_day_mark_the_day_under_way() -> None:
    stamp = NOW.timestamp()
    messages = build_messages_frame(
        {
            "devin-a": [
                {"created_at": stamp - 30 * 3600, "source": "user", "message": "go"},
                {"created_at": stamp - 60, "source": "devin", "message": "done"},
            ]
        }
    )
    days = working_waiting_per_period(messages, "Asia/Kolkata", "D")
    marked = periods.mark(days, "D", "Asia/Kolkata", periods.activity_window(None, NOW))
    assert marked["partial"].to_list() == [False, False, True]
    assert periods.notes(marked, "D")[-1] == "partial: 3.2 of 24 hours"


@pytest.mark.parametrize("tz", ZONES)
def test_active_users_start_at_the_range_and_count_only_its_days(tz: str) -> None:
    start = local("2026-03-04", tz)  # a Wednesday
    sessions = frame(
        [
            record("devin-before", created=local("2026-03-02 10:00", tz), user_id="user-early"),
            record("devin-in", created=local("2026-03-05 10:00", tz), user_id="user-ann"),
            record("devin-next", created=local("2026-03-10 10:00", tz), user_id="user-ann"),
        ]
    )
    window = periods.window_to_now(start, None, NOW)
    series = active_users(within(sessions, window), "wau", tz, None)
    shown = active_series(series, "wau", tz, window)
    first = pd.Timestamp(start).tz_convert(tz).tz_localize(None)
    assert shown["period"].min() == first  # never before the range's start
    assert shown["active_users"].to_list() == [1, 1]  # user-early's Monday is not in it
    assert shown["partial"].to_list() == [True, True]


def test_active_users_from_the_api_keep_their_utc_weeks_inside_the_range() -> None:
    week = 7 * 86_400
    monday = int(datetime(2026, 2, 23, tzinfo=UTC).timestamp())
    rows = [[monday + n * week, monday + (n + 1) * week, 10 + n] for n in range(3)]
    start = datetime(2026, 3, 4, tzinfo=UTC)
    window = (start, NOW)
    shown = active_series(
        active_users(frame([]), "wau", "UTC", rows), "wau", "Asia/Kolkata", window
    )
    assert shown["active_users"].to_list() == [11, 12]  # the week before the range is left out
    assert shown["period"].iloc[0] == pd.Timestamp("2026-03-04")
    assert shown["partial"].to_list() == [True, True]


def test_billing_days_cut_by_the_range_and_by_now_are_partial() -> None:
    days = {
        str(int(datetime(2026, 3, d, 8, tzinfo=UTC).timestamp())): {"devin": 10.0}
        for d in (12, 13, 14)
    }
    billed = billed_frame(days)
    sessions = frame([])
    daily = billed_beside_sessions(
        billed, sessions, pd.Timestamp("2026-03-12").date(), pd.Timestamp("2026-03-14").date()
    )
    # A range from midnight in Kolkata (18:30 UTC on the 11th) up to now.
    marked = mark_billing_days(daily, (local("2026-03-12", "Asia/Kolkata"), NOW))
    assert marked["partial"].to_list() == [False, False, True]
    assert marked["in_range"].iloc[-1] == pytest.approx(13.75 / 24)
    later = mark_billing_days(daily, (local("2026-03-12 12:00", "UTC"), NOW))
    assert later["in_range"].to_numpy() == pytest.approx(np.array([20 / 24, 1.0, 13.75 / 24]))
