"""The state of one sync while it runs: what was seen, the counts, progress, deferred errors, and
the items set aside or stored with suspect values (see :mod:`devin_data.store.failures`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from devin_data.api.client import DevinClient
from devin_data.errors import (
    ApiConnectionError,
    AuthenticationError,
    CacheFolderError,
    ConfigurationError,
    DevinError,
    NotFoundError,
    PermissionDeniedError,
    SyncTimeLimitError,
)
from devin_data.models import SESSION_PREFIX, Session
from devin_data.models.fast import Item
from devin_data.models.intake import Listed, Rejected, suspect_values
from devin_data.models.state import StateChange
from devin_data.store.failures import QUARANTINED, SUSPECT
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
    CacheFolderError,  # a full or read-only disk: no later write can succeed either
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
    quarantined: list[Rejected] = field(default_factory=list)  # set aside by this sync
    suspect: dict[str, str] = field(default_factory=dict)  # stored with what cannot be true
    _flagged: set[str] | None = field(default=None, repr=False)  # entries a good read clears
    future_updates: dict[str, float] = field(
        default_factory=dict
    )  # updated_at past the API's clock
    skew: float | None = None  # the API's clock against ours at the last sync, when known
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def elapsed(self) -> float:
        """Seconds since this sync began, on the monotonic clock (immune to clock changes)."""
        return time.monotonic() - self.started

    def emit(self, phase: str, done: int, total: int | None, message: str) -> None:
        if self.progress is not None:
            self.progress(SyncProgress(phase, done, total, message))

    def write(self, sessions: Sequence[Session], state: StateChange | None = None) -> None:
        """Store parsed sessions (see :meth:`write_items`)."""
        self.write_items([Item.of(s) for s in sessions], state)

    def write_items(self, items: Sequence[Item], state: StateChange | None = None) -> None:
        """Store sessions not seen earlier in this sync (windows overlap) with a change of the
        sync state;
        safe to call from the threads that fetch, one batch at a time."""
        with self._lock:
            fresh = [item for item in items if item.session_id not in self.seen]
            self.seen.update(item.session_id for item in fresh)
        result = self.store.write_items(fresh, observed_at=self.now, state=state)
        newest = max((item.updated_at for item in fresh), default=None)
        self.note_future_updates(newest, ((item.session_id, item.updated_at) for item in fresh))
        with self._lock:
            self.count(result)
            if newest is not None and (self.newest is None or newest > self.newest):
                self.newest = newest
        self.review(fresh)

    def write_page(self, page: Listed[Item]) -> None:
        """Store a page's sessions (see :meth:`write_items`) and set aside the items of it that
        no model could read, so one bad item costs itself and nothing else."""
        self.write_items(page.items)
        self.set_aside(page.rejects)

    def set_aside(self, rejects: Sequence[Rejected]) -> None:
        """Quarantine items no model could read (see :mod:`devin_data.store.failures`)."""
        if not rejects:
            return
        self.store.set_aside(rejects, self.now.timestamp())
        with self._lock:
            self.quarantined.extend(rejects)
            self._flags().update(rejected.key for rejected in rejects)

    def review(self, items: Sequence[Item]) -> None:
        """Note stored sessions whose values cannot be true, and clear the entries of sessions
        that were set aside or suspect before and now read well."""
        found = {item.session_id: why for item in items if (why := suspect_values(item.record))}
        with self._lock:
            flagged = self._flags()
            cleared = [item.session_id for item in items if item.session_id in flagged]
            flagged.difference_update(cleared)
            flagged.update(found)
            self.suspect.update(found)
        self.store.note_suspects(found, cleared, self.now.timestamp())

    def set_aside_before(self, limit: int) -> list[str]:
        """Up to ``limit`` sessions an earlier sync set aside, to ask for again: the API may
        send them well-formed now, without their ``updated_at`` having moved."""
        failures = self.store.failures()
        with self._lock:
            met = {rejected.key for rejected in self.quarantined} | self.seen
        found = [
            key
            for key, entry in sorted(failures.items())
            if entry.get("kind") == QUARANTINED and key.startswith(SESSION_PREFIX)
        ]
        return [key for key in found if key not in met][: max(0, limit)]

    def _flags(self) -> set[str]:
        """The stored entries a good read of their session clears, read once per sync."""
        if self._flagged is None:
            kinds = (QUARANTINED, SUSPECT)
            failures = self.store.failures()
            self._flagged = {key for key, entry in failures.items() if entry.get("kind") in kinds}
        return self._flagged

    def watermark(self) -> Watermark:
        """The watermark rule at the API's clock now."""
        local_now = self.now.timestamp() + self.elapsed()
        return Watermark.at(api_clock(self.client.clock_reading, local_now, self.skew))

    def note_future_updates(
        self, newest: float | None, updates: Iterable[tuple[str, float]]
    ) -> None:
        """Keep the sessions stamped past the API's clock; looked for only when ``newest`` is."""
        rule = self.watermark()
        if rule.beyond(newest):
            found = rule.future_updates(updates)
            with self._lock:
                self.future_updates.update(found)

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
