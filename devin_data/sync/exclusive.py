"""One sync at a time per organization, across every process that shares a store.

The writer holds the store's sync lock (a PostgreSQL advisory lock for the shared store) and
publishes its progress in the store; another process that wants to sync meanwhile reads that
progress instead of starting a second sync, then finds the writer's data in the store.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

from devin_data.api.client import DevinClient
from devin_data.errors import DevinError
from devin_data.store.store import Store
from devin_data.sync.entry import sync
from devin_data.sync.types import ProgressFn, SyncOptions, SyncProgress, SyncReport

PUBLISH_EVERY = 0.5  # seconds between progress writes: often enough to watch, cheap to store


class _Publisher:
    """Forwards progress to the caller and, at most every ``PUBLISH_EVERY``, to the store."""

    def __init__(self, store: Store, forward: ProgressFn | None) -> None:
        self._store = store
        self._forward = forward
        self._last = (0.0, "")

    def __call__(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        if progress.phase != self._last[1] or now - self._last[0] >= PUBLISH_EVERY:
            self._last = (now, progress.phase)
            self._store.publish_progress({**asdict(progress), "at": time.time()})
        if self._forward is not None:
            self._forward(progress)


def sync_exclusive(
    client: DevinClient,
    store: Store,
    options: SyncOptions = SyncOptions(),  # noqa: B008 - frozen, never mutated
    *,
    progress: ProgressFn | None = None,
    now: datetime | None = None,
) -> SyncReport | None:
    """Sync as this organization's one writer; None, at once, when another process syncs it
    (its progress is then in :meth:`Store.sync_progress`)."""
    with store.sync_lock() as mine:
        if not mine:
            return None
        run_id = store.start_sync_run()
        outcome = "failed"
        try:
            report = sync(client, store, options, progress=_Publisher(store, progress), now=now)
            outcome = report.mode
            return report
        finally:
            with contextlib.suppress(DevinError):  # the sync's own error is the one to report
                store.publish_progress(None)
                store.finish_sync_run(run_id, outcome)


def running_progress(store: Store) -> SyncProgress | None:
    """The progress of a sync another process runs now, or None when none runs."""
    if not store.sync_running():
        return None
    found = store.sync_progress()
    if not found.get("phase"):
        return SyncProgress("starting", 0, None, "Another sync is starting")
    total = found.get("total")
    return SyncProgress(
        str(found["phase"]),
        int(found.get("done") or 0),
        None if total is None else int(total),
        str(found.get("message") or ""),
    )


def follow(
    store: Store,
    show: Callable[[SyncProgress], None],
    *,
    poll: float = 0.5,
    timeout: float = 900.0,
) -> bool:
    """Show another process's sync until it ends (True) or ``timeout`` passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = running_progress(store)
        if current is None:
            return True
        show(current)
        time.sleep(poll)
    return False
