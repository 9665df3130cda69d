"""The watermark rule: overlap, lag, never back, and never past the API's clock plus the margin."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from devin_data.clock_skew import ClockReading
from devin_data.errors import OptionError
from devin_data.sync.watermark import MARGIN, OVERLAP, Watermark, api_clock, describe_future_updates

CLOCK = 100_000.0  # the API's clock in these cases
TOP = CLOCK + MARGIN.total_seconds() - OVERLAP.total_seconds()  # the highest watermark there is
RULE = Watermark.at(CLOCK)
YEAR_2100 = datetime(2100, 1, 1, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("previous", "newest", "lag", "expected"),
    [
        (None, None, 0.0, None),  # nothing seen yet, nothing returned
        (1000.0, None, 0.0, 1000.0),  # nothing returned: keep the previous watermark
        (None, 5000.0, 0.0, 4400.0),  # the newest update less the overlap
        (None, 5000.0, 30.0, 4370.0),  # ...and less the time the fetch took
        (4800.0, 5000.0, 0.0, 4800.0),  # never earlier than the previous one
        (-1.0, 5000.0, -5.0, 4400.0),  # a negative lag (clock stepped back) counts as none
        (None, YEAR_2100, 0.0, TOP),  # an update in the API's future moves it no further
        (None, CLOCK + 60, 0.0, CLOCK + 60 - OVERLAP.total_seconds()),  # within the margin
        (YEAR_2100, None, 0.0, TOP),  # one left past the API's clock is pulled back
        (YEAR_2100, 5000.0, 0.0, TOP),
    ],
)
def test_advance(
    previous: float | None, newest: float | None, lag: float, expected: float | None
) -> None:
    assert RULE.advance(previous, newest, lag) == expected


@pytest.mark.parametrize(
    ("watermark", "stored", "expected"),
    [
        (4000.0, 5000.0, 4000.0),  # a sane watermark is where the walk starts
        (9000.0, 5000.0, 4400.0),  # past the newest stored update: pulled back below it
        (YEAR_2100, YEAR_2100, TOP),  # a store holding a 2100 stamp: below the API's clock
        (YEAR_2100, None, TOP),
    ],
)
def test_start(watermark: float, stored: float | None, expected: float) -> None:
    assert RULE.start(watermark, stored) == expected


def test_suspects_are_the_updates_past_the_margin() -> None:
    updates = [("devin-a", CLOCK), ("devin-b", CLOCK + 299), ("devin-c", CLOCK + 301)]
    assert RULE.future_updates(updates) == {"devin-c": CLOCK + 301}
    assert RULE.beyond(CLOCK + 301)
    assert not RULE.beyond(CLOCK + 299)
    assert not RULE.beyond(None)


def test_known_suspects_stay_until_seen_sane_or_overtaken_by_the_clock() -> None:
    known = {"devin-a": YEAR_2100, "devin-b": YEAR_2100, "devin-c": CLOCK - 10}
    kept = RULE.still_future(known, {"devin-d": YEAR_2100}, seen=["devin-b", "devin-d"])
    # a: not seen again, still in the future; b: seen with a sane time; c: the clock caught up
    assert kept == {"devin-a": YEAR_2100, "devin-d": YEAR_2100}


def test_a_since_after_the_api_clock_is_refused() -> None:
    RULE.refuse_future(datetime.fromtimestamp(CLOCK + 60, UTC))  # within the margin: fine
    with pytest.raises(OptionError, match=r"cannot start from 9999-12-31 00:00 UTC"):
        RULE.refuse_future(datetime(9999, 12, 31, tzinfo=UTC))


def test_the_api_clock_comes_from_its_date_header_else_from_ours_and_the_last_skew() -> None:
    assert api_clock(None, 5000.0) == 5000.0
    assert api_clock(None, 5000.0, skew=-600.0) == 4400.0
    reading = ClockReading(server=9000.0, received=0.0)  # long ago on the monotonic clock
    assert api_clock(reading, 5000.0) > 9000.0


def test_suspects_are_named_with_their_times() -> None:
    assert describe_future_updates({}) is None
    one = describe_future_updates({"devin-a": YEAR_2100})
    assert one is not None
    assert one.startswith("1 session has an updated time after the Devin API's own clock: ")
    assert "devin-a (2100-01-01 00:00 UTC)" in one
    many = describe_future_updates({f"devin-{n}": YEAR_2100 + n for n in range(5)})
    assert many is not None
    assert "5 sessions have" in many
    assert "and 2 more" in many
