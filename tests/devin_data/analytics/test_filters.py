"""Filters from and to URL query parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from devin_data.analytics.filters import FilterSpec, drop_unknown, parse_query

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


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
        "ids": "devin-a,devin-b",
        "q": "flaky test",
        "tz": "Europe/Berlin",
    }
    spec, notices = parse_query(params)
    assert notices == []
    assert spec.origins == ("slack", "webapp")
    assert spec.start_date == date(2026, 1, 1)
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


def test_apply_restricts_to_ids_and_window() -> None:
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
    spec = FilterSpec(preset="7d", ids=("devin-b", "devin-c"))
    assert list(spec.apply(frame, NOW)["session_id"]) == ["devin-b"]


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
    from devin_data.analytics.filters import filter_options

    options = filter_options(build_sessions_frame(records))
    assert options["origins"] == ["webapp", "slack", "future_origin"]
    assert options["sizes"] == ["xs", "xl"]
    assert options["statuses"] == ["running", "exit"]
    assert options["users"] == ["svc-1", "user-1", "user-2"]
    assert options["tags"] == ["a", "b"]
    assert options["categories"] == []
