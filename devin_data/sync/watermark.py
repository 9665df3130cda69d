"""The sync's watermark: where an incremental walk starts, and the one rule that moves it.

The watermark follows the API's own ``updated_at`` values: the newest one a sync stored, less an
overlap (sessions updated while a sync ran, or stamped out of order, are read again) and the time
the fetch took. It never passes the API's clock (its ``Date`` header; this machine's clock when
the API sends none) plus :data:`MARGIN`: an ``updated_at`` beyond that is stored as given and
reported once as suspect, but never moves the watermark. Otherwise the watermark never moves
back, except to repair one that passed the API's clock or the newest stored update.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from devin_data.clock_skew import ClockReading
from devin_data.errors import OptionError

OVERLAP = timedelta(minutes=10)
MARGIN = timedelta(minutes=5)  # how far ahead of the API's clock a timestamp may still be trusted
_OVERLAP = OVERLAP.total_seconds()


def api_clock(reading: ClockReading | None, local_now: float, skew: float | None = None) -> float:
    """The API's clock now, as epoch seconds: its latest ``Date`` header moved on by the time
    since it came; without one, ``local_now`` (this machine's clock) plus the ``skew`` the last
    sync measured, if any."""
    if reading is None:
        return local_now + (skew or 0.0)
    return reading.server + (time.monotonic() - reading.received)


@dataclass(frozen=True)
class Watermark:
    """The watermark rule at one reading of the API's clock."""

    ceiling: float  # the API's clock plus the margin: no trusted ``updated_at`` lies beyond it

    @classmethod
    def at(cls, clock: float) -> Watermark:
        return cls(clock + MARGIN.total_seconds())

    def start(self, watermark: float, stored_newest: float | None) -> float:
        """Where an incremental walk starts: the stored watermark, pulled back should it have
        passed the newest stored update or the API's clock (one once taken from a clock ahead
        of the API's, or from a timestamp in its future, under which nothing looks updated)."""
        highest = self.ceiling if stored_newest is None else min(stored_newest, self.ceiling)
        return min(watermark, highest - _OVERLAP)

    def advance(
        self, previous: float | None, newest: float | None, lag: float = 0.0
    ) -> float | None:
        """The watermark after a fetch whose newest ``updated_at`` was ``newest`` and which took
        ``lag`` seconds: that less the overlap and the lag (sessions updated meanwhile are read
        again), never earlier than ``previous``; ``previous`` when nothing came back. Neither
        passes the API's clock."""
        top = self.ceiling - _OVERLAP
        if newest is None:
            return None if previous is None else min(previous, top)
        candidate = min(newest, self.ceiling) - _OVERLAP - max(0.0, lag)
        return min(candidate if previous is None else max(previous, candidate), top)

    def beyond(self, newest: float | None) -> bool:
        """True when ``newest`` lies past the API's clock: worth looking for such updates (O(1))."""
        return newest is not None and newest > self.ceiling

    def future_updates(self, updates: Iterable[tuple[str, float]]) -> dict[str, float]:
        """The ``(session_id, updated_at)`` pairs whose time lies past the API's clock."""
        return {session_id: at for session_id, at in updates if at > self.ceiling}

    def still_future(
        self, known: Mapping[str, float], found: Mapping[str, float], seen: Iterable[str]
    ) -> dict[str, float]:
        """The future updates to keep: those found now, and those known before that this sync did
        not see again with a sane time and that still lie past the API's clock."""
        seen_now = set(seen)
        kept = {
            sid: at
            for sid, at in known.items()
            if at > self.ceiling and (sid not in seen_now or sid in found)
        }
        return {**kept, **found}

    def refuse_future(self, since: datetime) -> None:
        """A sync from after the API's clock would fetch nothing, forever: refuse it."""
        if since.timestamp() <= self.ceiling:
            return
        clock = datetime.fromtimestamp(self.ceiling - MARGIN.total_seconds(), UTC)
        raise OptionError(
            f"The sync cannot start from {since:%Y-%m-%d %H:%M} UTC: that is after the Devin "
            f"API's clock ({clock:%Y-%m-%d %H:%M} UTC), so no session can have been created "
            "since. Give a date or an age in the past (2026-01-31, 90d)."
        )


def describe_future_updates(future_updates: Mapping[str, float], shown: int = 3) -> str | None:
    """A sentence naming sessions whose ``updated_at`` lies in the API's future; None for none."""
    if not future_updates:
        return None
    named = sorted(future_updates.items(), key=lambda pair: (pair[1], pair[0]))
    listed = ", ".join(f"{sid} ({_moment(at)})" for sid, at in named[:shown])
    more = f" and {len(named) - shown} more" if len(named) > shown else ""
    count = len(named)
    subject = "1 session has" if count == 1 else f"{count} sessions have"
    return (
        f"{subject} an updated time after the Devin API's own clock: {listed}{more}. "
        "Kept as the API gave it; it does not move the next sync's starting point."
    )


def _moment(at: float) -> str:
    try:
        return f"{datetime.fromtimestamp(at, UTC):%Y-%m-%d %H:%M} UTC"
    except (ValueError, OverflowError, OSError):
        return f"epoch {at:g}"
