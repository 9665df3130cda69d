"""The state of one sync while it runs: what was seen, the counts, progress and deferred errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from devin_data.api.client import DevinClient
from devin_data.errors import (
    ApiConnectionError,
    AuthenticationError,
    ConfigurationError,
    DevinError,
    NotFoundError,
    PermissionDeniedError,
    SyncTimeLimitError,
)
from devin_data.models import Session
from devin_data.models.fast import Item
from devin_data.store.store import BatchResult, Store
from devin_data.sync.types import ProgressFn, SyncOptions, SyncProgress
from devin_data.sync.watermark import Watermark, api_clock

T = TypeVar("T")

FATAL_ERRORS = (
    AuthenticationError,
    PermissionDeniedError,
    ApiConnectionError,
    ConfigurationError,
    SyncTimeLimitError,
)


@dataclass
class SyncRun:
    """One sync in progress; every write goes through :meth:`write` so counts stay exact."""

    client: DevinClient
    store: Store
    options: SyncOptions
    now: datetime
    since: datetime
    progress: ProgressFn | None = None
    seen: set[str] = field(default_factory=set)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    error: DevinError | None = None
    started: float = field(default_factory=time.monotonic)
    newest: float | None = None  # the largest updated_at written by this sync
    suspects: dict[str, float] = field(default_factory=dict)  # updated_at past the API's clock
    skew: float | None = None  # the API's clock against ours at the last sync, when known
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def elapsed(self) -> float:
        """Seconds since this sync began, on the monotonic clock (immune to clock changes)."""
        return time.monotonic() - self.started

    def emit(self, phase: str, done: int, total: int | None, message: str) -> None:
        if self.progress is not None:
            self.progress(SyncProgress(phase, done, total, message))

    def write(self, sessions: Sequence[Session], meta: Mapping[str, Any] | None = None) -> None:
        """Store parsed sessions (see :meth:`write_items`)."""
        self.write_items([Item.of(s) for s in sessions], meta)

    def write_items(self, items: Sequence[Item], meta: Mapping[str, Any] | None = None) -> None:
        """Store sessions not seen earlier in this sync (windows overlap) with a meta update;
        safe to call from the threads that fetch, one batch at a time."""
        with self._lock:
            fresh = [item for item in items if item.session_id not in self.seen]
            self.seen.update(item.session_id for item in fresh)
        result = self.store.write_items(fresh, observed_at=self.now, meta=meta)
        newest = max((item.updated_at for item in fresh), default=None)
        self.note_suspects(newest, ((item.session_id, item.updated_at) for item in fresh))
        with self._lock:
            self.count(result)
            if newest is not None and (self.newest is None or newest > self.newest):
                self.newest = newest

    def watermark(self) -> Watermark:
        """The watermark rule at the API's clock now."""
        local_now = self.now.timestamp() + self.elapsed()
        return Watermark.at(api_clock(self.client.clock_reading, local_now, self.skew))

    def note_suspects(self, newest: float | None, updates: Iterable[tuple[str, float]]) -> None:
        """Keep the sessions stamped past the API's clock; looked for only when ``newest`` is."""
        rule = self.watermark()
        if rule.beyond(newest):
            found = rule.suspects(updates)
            with self._lock:
                self.suspects.update(found)

    def count(self, result: BatchResult) -> None:
        self.new += result.new
        self.changed += result.changed
        self.unchanged += result.unchanged

    def defer(self, error: DevinError) -> bool:
        """Keep the first error, raised once everything else was committed.

        Returns True when no further request can succeed (bad key, missing permission,
        unreachable API), so the caller stops scheduling work instead of retrying it all.
        """
        if self.error is None:
            self.error = error
        unknown_org = isinstance(error, NotFoundError) and not error.session_id
        return isinstance(error, FATAL_ERRORS) or unknown_org

    def raise_deferred(self) -> None:
        if self.error is not None:
            raise self.error


def newest_update(sessions: Iterable[Session]) -> float | None:
    """The largest ``updated_at`` among ``sessions`` (epoch seconds), None for none."""
    return max((s.last_update.timestamp() for s in sessions), default=None)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
