"""What the Data page says about the connection, the cache and the last sync."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from devin_data.config import Secret, Settings
from devin_data.models.state import LastSync
from devin_data.text.describe import (
    connection_rows,
    failure_rows,
    human_size,
    local_moment,
    relative_age,
    sync_rows,
)

KEY = "cog_live_0123456789abcdefWXYZ"


def _last(report: dict[str, object]) -> LastSync | None:
    return LastSync.from_json(report)


NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC).timestamp()


def test_a_real_connection_shows_only_the_last_four_characters_of_the_key(tmp_path: Path) -> None:
    settings = Settings(
        api_key=Secret(KEY),
        org_id="org-acme",
        base_url="https://api.example.test/",
        cache_dir=tmp_path,
    )
    rows = dict(connection_rows(settings))
    assert rows == {
        "Connection": "Devin API",
        "Base URL": "https://api.example.test",
        "API version": "v3",
        "Organization": "org-acme",
        "API key": "…WXYZ",
    }
    text = repr(connection_rows(settings))
    assert KEY not in text
    assert KEY[:-4] not in text


def test_a_v1_key_without_an_organization_says_so(tmp_path: Path) -> None:
    settings = Settings(api_key=Secret("apk_user_secretvalue9876"), cache_dir=tmp_path)
    rows = dict(connection_rows(settings))
    assert rows["API version"] == "v1"
    assert rows["Organization"].startswith("–")
    assert rows["API key"] == "…9876"
    assert "secretvalue" not in repr(rows)


def test_the_demo_says_demo_instead_of_a_key(tmp_path: Path) -> None:
    rows = dict(connection_rows(Settings(cache_dir=tmp_path)))
    assert rows["API key"] == "demo"
    assert rows["Organization"] == "org-demo"
    assert rows["Connection"] == "Demo organization (built-in emulator)"


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (5 * 1024**2 + 1024**2 // 10, "5.1 MB"),
        (3 * 1024**3, "3.0 GB"),
        (2 * 1024**5, "2048.0 TB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


@pytest.mark.parametrize(
    ("seconds_ago", "text"),
    [
        (-5, "just now"),
        (59, "just now"),
        (60, "1 min ago"),
        (3599, "59 min ago"),
        (3600, "1 hour ago"),
        (7300, "2 hours ago"),
        (86_400 * 3 + 5, "3 days ago"),
    ],
)
def test_relative_age(seconds_ago: float, text: str) -> None:
    assert relative_age(NOW - seconds_ago, NOW) == text


def test_local_moment_uses_the_viewers_zone_and_falls_back_to_utc() -> None:
    assert local_moment(NOW, "Asia/Tokyo") == "2026-03-02 21:00 Asia/Tokyo"
    assert local_moment(NOW, "America/Los_Angeles") == "2026-03-02 04:00 America/Los_Angeles"
    assert local_moment(NOW, "Not/AZone") == "2026-03-02 12:00 UTC"


def test_sync_rows_describe_the_last_sync() -> None:
    report = {
        "mode": "incremental",
        "sessions_total": 1497,
        "fetched": 12,
        "new": 3,
        "changed": 9,
        "unchanged": 0,
        "requests": 4,
        "retries": 1,
        "seconds": 0.8541,
        "failures": 2,
        "coverage_start": datetime(2025, 12, 2, tzinfo=UTC).timestamp(),
        "finished_at": NOW - 300,
    }
    assert sync_rows(_last(report), "Europe/Berlin", NOW) == [
        ("Finished", "2026-03-02 12:55 Europe/Berlin (5 min ago)"),
        ("Mode", "incremental"),
        ("Fetched", "12 sessions: 3 new, 9 changed, 0 unchanged"),
        ("Sessions cached", "1,497"),
        ("Requests", "4 (1 retried)"),
        ("Took", "0.9 s"),
        ("Failed sessions", "2"),
        ("Covers sessions created since", "2025-12-02 01:00 Europe/Berlin"),
    ]


def test_sync_rows_are_empty_before_the_first_sync_and_tolerate_gaps() -> None:
    assert sync_rows(_last({}), "UTC", NOW) == []
    rows = dict(sync_rows(_last({"finished_at": NOW, "mode": "cold"}), "UTC", NOW))
    assert rows["Mode"] == "first sync"
    assert rows["Fetched"] == "–"
    assert rows["Requests"] == "– (– retried)"
    assert rows["Covers sessions created since"] == "–"


def test_sync_rows_count_what_was_set_aside_or_suspect_only_when_there_was_some() -> None:
    report = {"finished_at": NOW, "mode": "cold", "quarantined_count": 3, "suspect_count": 1}
    rows = dict(sync_rows(_last(report), "UTC", NOW))
    assert rows["Set aside as malformed"] == "3"
    assert rows["Stored with suspect values"] == "1"
    quiet = dict(
        sync_rows(_last({**report, "quarantined_count": 0, "suspect_count": 0}), "UTC", NOW)
    )
    assert "Set aside as malformed" not in quiet
    assert "Stored with suspect values" not in quiet


def test_failure_rows_name_each_problem_and_where_a_nameless_one_was() -> None:
    failures = {
        "devin-b": {
            "reason": "status: Input should be a valid string",
            "at": NOW,
            "kind": "quarantined",
            "where": "item 2 of 9 on GET /v3/x",
        },
        "devin-a": {"reason": "timed out", "at": NOW},
        "no-id-0a1b2c3d4e5f": {
            "reason": "session_id: Field required",
            "at": NOW,
            "kind": "quarantined",
            "where": "item 7 of 9 on GET /v3/x",
        },
        "devin-c": {"reason": "acus_consumed is -5", "kind": "suspect"},
    }
    assert failure_rows(failures, "UTC") == [
        ("devin-a", "could not be fetched", "timed out", "2026-03-02 12:00 UTC", "–"),
        (
            "devin-b",
            "malformed: set aside, not stored",
            "status: Input should be a valid string",
            "2026-03-02 12:00 UTC",
            "item 2 of 9 on GET /v3/x",
        ),
        ("devin-c", "suspect value: stored as sent", "acus_consumed is -5", "–", "–"),
        (
            "no session id",
            "malformed: set aside, not stored",
            "session_id: Field required",
            "2026-03-02 12:00 UTC",
            "item 7 of 9 on GET /v3/x",
        ),
    ]


def test_sync_rows_name_the_sessions_stamped_after_the_api_clock() -> None:
    report = {"finished_at": NOW, "mode": "incremental"}
    year_2100 = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
    future_updates = {"devin-b": year_2100, "devin-a": year_2100 + 3600}
    rows = dict(sync_rows(_last(report), "UTC", NOW, future_updates))
    assert rows["Updated after the API's clock"] == (
        "devin-a (2100-01-01 01:00 UTC), devin-b (2100-01-01 00:00 UTC)"
    )
    assert "Updated after the API's clock" not in dict(sync_rows(_last(report), "UTC", NOW, {}))
