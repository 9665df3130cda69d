"""The options, progress events and report of a sync (re-exported by ``devin_data.sync``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

from devin_data.clock_skew import skew_warning
from devin_data.models.state import LastSync
from devin_data.sync.watermark import describe_future_updates

DEFAULT_SPAN = timedelta(days=90)
FULL_SINCE = datetime(2024, 1, 1, tzinfo=UTC)
RECHECK_LIMIT = 100
RECHECK_SPAN = timedelta(days=7)
REPORT_NAMES = 20  # problems a report names one by one; the rest are counted


@dataclass(frozen=True)
class SyncOptions:
    """What to sync: from ``since`` (default now − 90 days; ``full`` from 2024-01-01)."""

    since: datetime | None = None
    full: bool = False
    with_messages: bool = False
    windows: int | None = None


@dataclass(frozen=True)
class SyncProgress:
    """One progress event: a phase, how far it got (of ``total`` when known) and a sentence."""

    phase: str
    done: int
    total: int | None
    message: str


@dataclass(frozen=True)
class SyncReport:
    """What a sync did and what it cost."""

    mode: str
    sessions_total: int
    fetched: int
    new: int
    changed: int
    unchanged: int
    requests: int
    retries: int
    seconds: float
    failures: int
    coverage_start: datetime
    clock_skew: float | None = None  # seconds the API's clock is ahead of ours (None: unknown)
    # "name: reason" of the first items this sync set aside, and of the first sessions it stored
    # with suspect values; the counts are of all of them.
    quarantined: tuple[str, ...] = ()
    quarantined_count: int = 0
    suspect: tuple[str, ...] = ()
    suspect_count: int = 0
    # Sessions first seen by this sync with an updated_at past the API's clock: id -> epoch.
    future_updates: dict[str, float] = field(default_factory=dict)

    @property
    def clock_warning(self) -> str | None:
        """A sentence when the API's clock and this machine's differ by more than a minute."""
        return skew_warning(self.clock_skew)

    @property
    def future_warning(self) -> str | None:
        """A sentence naming the sessions this sync found stamped in the API's future."""
        return describe_future_updates(self.future_updates)

    def last_sync(self, finished_at: datetime) -> LastSync:
        """The report as the sync state keeps it, under an id no other sync has."""
        values = asdict(self)
        values["coverage_start"] = self.coverage_start.timestamp()
        return LastSync(
            finished_at=finished_at.timestamp(),
            clock_checked=True,
            sync_id=uuid.uuid4().hex,
            **values,
        )


ProgressFn = Callable[[SyncProgress], None]
