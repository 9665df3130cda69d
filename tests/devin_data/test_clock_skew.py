"""Reading the API's clock from its Date header and warning when it disagrees with ours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from devin_data.clock_skew import (
    ClockReading,
    describe_skew,
    read_date,
    skew_of,
    skew_warning,
    span,
)
from devin_data.models.state import LastSync
from devin_data.text.describe import sync_rows

API_NOW = datetime(2026, 3, 5, 21, 45, 7, tzinfo=UTC)
NINE_DAYS = timedelta(days=9).total_seconds()


def test_a_date_header_is_read_as_the_apis_time() -> None:
    headers = {"date": format_datetime(API_NOW, usegmt=True)}
    assert read_date(headers, received=12.5) == ClockReading(API_NOW.timestamp(), 12.5)


@pytest.mark.parametrize("value", [None, "", "yesterday", "Thu, 05 Mar 2026 21:45:07"])
def test_a_missing_or_unreadable_date_gives_no_reading(value: str | None) -> None:
    headers = {} if value is None else {"date": value}
    assert read_date(headers, received=0.0) is None


def test_skew_corrects_for_the_time_elapsed_since_the_run_began() -> None:
    local_start = API_NOW.timestamp() + NINE_DAYS  # this machine is 9 days ahead
    # The reading arrives 4 s into the run: the API's clock then read API_NOW + 4 s.
    reading = ClockReading(server=API_NOW.timestamp() + 4, received=104.0)
    assert skew_of(reading, local_start, started=100.0) == -NINE_DAYS


def test_no_skew_without_a_reading_from_this_run() -> None:
    assert skew_of(None, API_NOW.timestamp(), started=100.0) is None
    earlier = ClockReading(server=API_NOW.timestamp(), received=99.0)
    assert skew_of(earlier, API_NOW.timestamp(), started=100.0) is None


@pytest.mark.parametrize("skew", [None, 0.0, 59.9, -60.0])
def test_clocks_within_a_minute_raise_no_warning(skew: float | None) -> None:
    assert skew_warning(skew) is None


@pytest.mark.parametrize(
    ("skew", "words"),
    [
        (-NINE_DAYS, "9 days behind this machine's clock"),
        (NINE_DAYS, "9 days ahead of this machine's clock"),
        (61.0, "1 minute ahead of this machine's clock"),
        (-3 * 3600.0, "3 hours behind this machine's clock"),
    ],
)
def test_a_skew_beyond_a_minute_is_a_warning_in_words(skew: float, words: str) -> None:
    warning = skew_warning(skew)
    assert warning is not None
    assert f"The Devin API's clock is {words}." in warning
    assert "check its date and time" in warning


def test_describe_skew_for_the_data_page() -> None:
    assert describe_skew(None) == "not reported (the API sent no Date header)"
    assert describe_skew(12.0) == "agrees with this machine's clock (within a minute)"
    assert describe_skew(-NINE_DAYS) == "9 days behind this machine's clock"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (120, "2 minutes"),
        (3600, "1 hour"),
        (86400 * 2, "2 days"),
    ],
)
def test_span_uses_the_largest_whole_unit(seconds: float, text: str) -> None:
    assert span(seconds) == text


def test_the_data_page_rows_show_the_api_clock_when_the_sync_read_it() -> None:
    report = {"mode": "incremental", "finished_at": API_NOW.timestamp(), "clock_skew": -NINE_DAYS}
    rows = dict(sync_rows(LastSync.from_json(report), "UTC", API_NOW.timestamp()))
    assert rows["API clock"] == "9 days behind this machine's clock"
    older = {"mode": "incremental", "finished_at": API_NOW.timestamp()}
    assert "API clock" not in dict(sync_rows(LastSync.from_json(older), "UTC", API_NOW.timestamp()))
