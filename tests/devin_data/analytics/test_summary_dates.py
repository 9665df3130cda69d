"""The Overview sentence names the viewer's local days, the same days the charts show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from frame_fakes import frame, record

from devin_data.analytics import sessions_per_period, summary_sentences
from devin_data.query.filters import FilterSpec

# Late evening UTC: already the next day in Berlin and Kolkata, still mid-afternoon in LA.
NOW = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
ROWS = frame([record(f"s{h}", created=NOW - timedelta(hours=h)) for h in range(0, 24 * 9, 5)])


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"])
def test_seven_days_read_as_the_viewers_seven_local_days(zone: str) -> None:
    spec = FilterSpec(preset="7d", tz=zone)
    start, end = spec.window(NOW)
    assert start is not None
    assert end is not None
    today = NOW.astimezone(ZoneInfo(zone)).date()
    first, last = today - timedelta(days=6), today
    sentence = summary_sentences(ROWS, start, end, None, tz=zone)[0]
    assert f"from {_day(first)} to {_day(last)}" in sentence, sentence
    shown = spec.apply(ROWS, NOW)
    days = sessions_per_period(shown, "D", zone, start=start, end=end)["period"]
    assert (days.min().date(), days.max().date()) == (first, last)


def test_berlin_no_longer_reads_eight_days() -> None:
    start, end = FilterSpec(preset="7d", tz="Europe/Berlin").window(NOW)
    assert start is not None
    assert end is not None
    sentence = summary_sentences(ROWS, start, end, None, tz="Europe/Berlin")[0]
    assert "from 21 Nov 2026 to 27 Nov 2026" in sentence
