"""Filters from and to URL query parameters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from devin_data.query.filters import EARLIEST_DAY, FilterSpec
from devin_data.query.parse import drop_unknown, parse_query

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
# Half an hour before midnight UTC: already tomorrow in Berlin and Kolkata, still today in LA.
LATE = datetime(2026, 3, 10, 23, 30, tzinfo=UTC)


def test_defaults_write_no_parameters() -> None:
    spec, notices = parse_query({})
    assert spec == FilterSpec()
    assert notices == []
    assert spec.query_params() == {}


def test_round_trip_of_every_parameter() -> None:
    params = {
        "range": "custom",
        "from": "2026-01-01",
        "to": "2026-01-31",
        "origin": "slack,webapp",
        "category": "bug_fixing",
        "size": "l,xl",
        "status": "exit",
        "user": "user-1",
        "tag": "frontend",
        "issue": "Testing:High,Environment:Low",
        "action": "machine_setup",
        "language": "Python,Go",
        "tool": "pytest",
        "q": "flaky test",
        "tz": "Europe/Berlin",
    }
    spec, notices = parse_query(params)
    assert notices == []
    assert spec.origins == ("slack", "webapp")
    assert spec.start_date == date(2026, 1, 1)
    assert spec.issues == (("Testing", "High"), ("Environment", "Low"))
    assert spec.languages == (("Python",), ("Go",))
    assert spec.query_params() == params


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"range": "13x"}, "range="),
        ({"range": "custom", "from": "yesterday"}, "from="),
        ({"range": "custom", "from": "2026-02-01", "to": "2026-01-01"}, "after the end"),
        ({"tz": "Mars/Olympus"}, "time zone"),
    ],
)
def test_invalid_parameters_become_notices(params: dict[str, str], fragment: str) -> None:
    spec, notices = parse_query(params)
    assert len(notices) == 1
    assert fragment in notices[0]
    assert spec.preset == "30d"
    assert spec.tz == "UTC"


def test_unknown_list_values_are_dropped_with_a_notice() -> None:
    spec, _ = parse_query({"origin": "slack,nope", "size": "xl"})
    kept, notices = drop_unknown(spec, {"origins": {"slack"}, "sizes": {"xl"}})
    assert kept.origins == ("slack",)
    assert kept.sizes == ("xl",)
    assert notices == ["Ignored unknown origins: nope."]


def test_preset_window_follows_the_viewer_zone() -> None:
    spec = FilterSpec(preset="7d", tz="America/New_York")
    start, end = spec.window(NOW)
    assert start == pd.Timestamp("2026-03-04 05:00", tz="UTC")
    assert end == pd.Timestamp("2026-03-11 04:00", tz="UTC")  # DST begins on 2026-03-08


def test_custom_window_is_inclusive_of_the_last_day() -> None:
    spec = FilterSpec(preset="custom", start_date=date(2026, 1, 1), end_date=date(2026, 1, 1))
    assert spec.window(NOW) == (
        pd.Timestamp("2026-01-01", tz="UTC"),
        pd.Timestamp("2026-01-02", tz="UTC"),
    )
    assert FilterSpec(preset="all").window(NOW) == (None, None)


def test_apply_needs_the_drill_downs_resolved_and_then_keeps_their_sessions() -> None:
    frame = pd.DataFrame(
        {
            "session_id": ["devin-a", "devin-b", "devin-c"],
            "title": ["one", "two", "three"],
            "created_at": pd.to_datetime(
                ["2026-03-09T10:00Z", "2026-03-09T11:00Z", "2025-01-01T00:00Z"], utc=True
            ),
            "origin": ["slack", "slack", "slack"],
        }
    )
    languages = pd.DataFrame(
        {"session_id": ["devin-b", "devin-c", "devin-a"], "language": ["Go", "Go", "Python"]}
    )
    spec = FilterSpec(preset="7d", languages=(("Go",),))
    with pytest.raises(ValueError, match="resolve"):
        spec.apply(frame, NOW)
    resolved = spec.resolve({"languages": languages})
    assert list(resolved.apply(frame, NOW)["session_id"]) == ["devin-b"]
    # A spec changed after resolving must be resolved again, never filtered by stale matches.
    with pytest.raises(ValueError, match="resolve"):
        replace(resolved, languages=(("Python",),)).apply(frame, NOW)
    assert list(replace(resolved, preset="all").apply(frame, NOW)["session_id"]) == [
        "devin-b",
        "devin-c",
    ]


@pytest.mark.parametrize(
    ("zone", "today"),
    [
        ("UTC", date(2026, 3, 10)),
        ("Europe/Berlin", date(2026, 3, 11)),
        ("America/Los_Angeles", date(2026, 3, 10)),
        ("Asia/Kolkata", date(2026, 3, 11)),
    ],
)
def test_a_shared_range_ending_after_the_viewers_today_is_moved_to_today(
    zone: str, today: date
) -> None:
    params = {"range": "custom", "from": "2026-03-05", "to": "2026-03-11"}
    spec, notices = parse_query(params, default_tz=zone, now=LATE)
    assert spec.today(LATE) == today
    assert (spec.start_date, spec.end_date) == (date(2026, 3, 5), today)
    if today < date(2026, 3, 11):
        assert notices == [
            f"Moved to=2026-03-11 to {today}, today in {zone} (later days have not begun there)."
        ]
    else:
        assert notices == []


def test_a_range_wholly_after_today_or_before_the_earliest_day_is_held_inside() -> None:
    future, notices = parse_query(
        {"range": "custom", "from": "2027-01-01", "to": "2027-01-02"}, now=NOW
    )
    assert (future.start_date, future.end_date) == (date(2026, 3, 10), date(2026, 3, 10))
    assert len(notices) == 2
    ancient, notices = parse_query(
        {"range": "custom", "from": "0001-01-01", "to": "9999-12-31"}, now=NOW
    )
    assert (ancient.start_date, ancient.end_date) == (EARLIEST_DAY, date(2026, 3, 10))
    assert notices[0] == "Moved from=0001-01-01 to 2000-01-01, the earliest day offered."


def test_the_window_never_fails_on_extreme_dates_even_unparsed() -> None:
    spec = FilterSpec(preset="custom", start_date=date(1, 1, 1), end_date=date(9999, 12, 31))
    assert spec.window(NOW) == (
        pd.Timestamp("2000-01-01", tz="UTC"),
        pd.Timestamp("2026-03-11", tz="UTC"),
    )


def test_the_browser_zone_is_not_written_but_a_chosen_one_is_even_utc() -> None:
    default, _ = parse_query({}, default_tz="Europe/Berlin")
    assert default.tz == "Europe/Berlin"
    assert "tz" not in default.query_params()
    chosen, _ = parse_query({"tz": "UTC"}, default_tz="Europe/Berlin")
    assert (chosen.tz, chosen.tz_chosen) == ("UTC", True)
    assert chosen.query_params() == {"tz": "UTC"}


def test_values_with_commas_and_colons_survive_the_url() -> None:
    spec = FilterSpec(
        tags=("a,b", "back\\slash"), issues=(("Tests, flaky: retry", "High"),), tools=(("C:ode",),)
    )
    params = spec.query_params()
    assert params["tag"] == "a\\,b,back\\\\slash"
    again, notices = parse_query(params)
    assert notices == []
    assert (again.tags, again.issues, again.tools) == (spec.tags, spec.issues, spec.tools)


def test_an_issue_without_an_impact_is_ignored_with_a_notice() -> None:
    spec, notices = parse_query({"issue": "Testing,Testing:High", "language": "Objective:C"})
    assert spec.issues == (("Testing", "High"),)
    assert spec.languages == (("Objective:C",),)
    assert notices == ["Ignored issue='Testing': use a label:impact pair."]


def test_filter_options_list_what_the_sessions_hold() -> None:
    from devin_data.frames.sessions import build_sessions_frame
    from devin_data.models import Session

    records = [
        Session.model_validate(
            {
                "session_id": sid,
                "created_at": 1767254400,
                "status": status,
                "origin": origin,
                "session_size": size,
                "user_id": user,
                "service_user_id": service,
                "tags": tags,
            }
        ).to_record()
        for sid, status, origin, size, user, service, tags in [
            ("a", "exit", "slack", "xl", "user-2", None, ["b", "a"]),
            ("b", "running", "future_origin", "xs", None, "svc-1", []),
            ("c", "exit", "webapp", None, "user-1", None, ["a"]),
        ]
    ]
    from devin_data.query.filters import filter_options

    options = filter_options(build_sessions_frame(records))
    assert options["origins"] == ["webapp", "slack", "future_origin"]
    assert options["sizes"] == ["xs", "xl"]
    assert options["statuses"] == ["running", "exit"]
    assert options["users"] == ["svc-1", "user-1", "user-2"]
    assert options["tags"] == ["a", "b"]
    assert options["categories"] == []


def test_an_old_link_with_session_ids_says_why_they_are_ignored() -> None:
    spec, notices = parse_query({"ids": "devin-a,devin-b", "origin": "slack"})
    assert spec.origins == ("slack",)
    assert "ids" not in spec.query_params()
    (notice,) = notices
    assert notice.startswith("Ignored ids=: a list of session ids is no longer kept in links")


def test_a_custom_range_without_dates_says_why_it_shows_thirty_days() -> None:
    spec, notices = parse_query({"range": "custom"})
    assert spec.preset == "30d"
    assert notices == [
        "Showed the last 30 days: range=custom needs a from= date "
        "(and, if the range should end before today, a to= date)."
    ]


def test_a_custom_range_with_only_a_start_runs_to_today() -> None:
    now = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)
    spec, notices = parse_query({"range": "custom", "from": "2026-03-01"}, now=now)
    assert notices == []
    start, end = spec.window(now)
    assert start == pd.Timestamp("2026-03-01", tz="UTC")
    assert end is None or end > pd.Timestamp(now)
