"""The API's clock against this machine's, read from the ``Date`` header of the API's answers.

The sync never uses the local clock to decide what to fetch (the watermark comes from the data);
the comparison only feeds a warning, because date ranges such as "last 7 days" and ages such as
"3 min ago" still count from this machine's clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

SKEW_TOLERANCE = 60.0  # seconds; the Date header itself only has whole seconds


@dataclass(frozen=True)
class ClockReading:
    """One ``Date`` header: the API's time, and ``time.monotonic()`` when the answer arrived."""

    server: float
    received: float


def read_date(headers: Mapping[str, str], received: float) -> ClockReading | None:
    """The reading of an answer's ``Date`` header; None when it is missing or unreadable."""
    value = headers.get("date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None  # an HTTP date is always GMT; a zone-less one is not one we can trust
    return ClockReading(server=when.timestamp(), received=received)


def skew_of(reading: ClockReading | None, local_start: float, started: float) -> float | None:
    """Seconds the API's clock is ahead of ours (negative: behind), from a reading taken during a
    run that began at wall time ``local_start`` and monotonic time ``started``."""
    if reading is None or reading.received < started:
        return None
    local_then = local_start + (reading.received - started)
    return round(reading.server - local_then, 1)


def skew_warning(skew: float | None) -> str | None:
    """A sentence for a skew beyond the tolerance; None when the clocks agree or none was read."""
    if skew is None or abs(skew) <= SKEW_TOLERANCE:
        return None
    side = "ahead of" if skew > 0 else "behind"
    return (
        f"The Devin API's clock is {span(abs(skew))} {side} this machine's clock. The sync "
        "follows the API's own timestamps, but date ranges such as 'last 7 days' and ages such "
        "as '3 min ago' count from this machine's clock: check its date and time."
    )


def describe_skew(skew: float | None) -> str:
    """The skew in words for the Data page."""
    if skew is None:
        return "not reported (the API sent no Date header)"
    if abs(skew) <= SKEW_TOLERANCE:
        return "agrees with this machine's clock (within a minute)"
    side = "ahead of" if skew > 0 else "behind"
    return f"{span(abs(skew))} {side} this machine's clock"


def span(seconds: float) -> str:
    """A duration in its largest whole unit: "9 days", "3 hours", "2 minutes"."""
    for size, unit in ((86_400, "day"), (3_600, "hour"), (60, "minute")):
        if seconds >= size:
            count = round(seconds / size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    count = round(seconds)
    return f"{count} second{'s' if count != 1 else ''}"
