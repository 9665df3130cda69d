"""The shared store at the large size, in a worker process of its own::

    python -m benchmarks.worker shared --cache-dir DIR --store-url URL --runs 3

The large cache a benchmark sync left is copied into a fresh PostgreSQL database; then a replica
opens the shared store on an empty folder and builds the Overview's first chart (the snapshot
comes from the shared table, no API request is made); then frames and Overview reruns are timed
as the app's loaders run them (the store's data version checked first, on every rerun), on the
shared store and on the embedded one, alternately.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from benchmarks.pages import SPECS, Loaded, Output, overview
from devin_data import Store, frames
from devin_data.analytics.families import family_totals
from devin_data.store.shared.copy import copy_scope
from devin_data.store.shared.store import SharedStore


def _loaded(store: Store, sessions: pd.DataFrame) -> Loaded:
    """What the Overview reads: the sessions frame and the coverage, nothing else."""
    empty = pd.DataFrame()
    coverage = store.sync_state().coverage_start
    start = datetime.fromtimestamp(coverage, UTC) if coverage else None
    return Loaded(
        sessions, empty, empty, empty, empty, empty, start, family_totals(sessions), store
    )


def _frame(store: Store) -> tuple[float, pd.DataFrame]:
    started = time.perf_counter()
    store.data_version()  # the cache key every rerun computes
    sessions = frames.frame_from_table(store.snapshot())
    return time.perf_counter() - started, sessions


def _rerun(store: Store, data: Loaded, index: int, now: datetime) -> float:
    started = time.perf_counter()
    store.data_version()
    overview(data, SPECS[index % len(SPECS)], now, Output())
    return time.perf_counter() - started


def measure(embedded: Store, url: str, runs: int) -> dict[str, Any]:
    engine = sa.create_engine(url)
    started = time.perf_counter()
    copied = copy_scope(embedded, SharedStore(engine, Path(tempfile.mkdtemp()), embedded.scope))
    copy_seconds = time.perf_counter() - started
    engine.dispose()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="devin-replica-") as folder:
        started = time.perf_counter()
        shared = SharedStore(sa.create_engine(url), Path(folder), embedded.scope)
        _, sessions = _frame(shared)
        overview(_loaded(shared, sessions), SPECS[0], now, Output())
        first_chart = time.perf_counter() - started
        frames_shared, frames_embedded, rerun_shared, rerun_embedded = [], [], [], []
        data_shared = _loaded(shared, sessions)
        data_embedded = _loaded(embedded, frames.frame_from_table(embedded.snapshot()))
        for index in range(runs):
            frames_shared.append(_frame(shared)[0])
            frames_embedded.append(_frame(embedded)[0])
            rerun_shared.append(_rerun(shared, data_shared, index, now))
            rerun_embedded.append(_rerun(embedded, data_embedded, index, now))
        shared.engine.dispose()
    return {
        "sessions": copied.sessions,
        "copy_seconds": copy_seconds,
        "first_chart": first_chart,
        "frames_shared": frames_shared,
        "frames_embedded": frames_embedded,
        "rerun_shared": rerun_shared,
        "rerun_embedded": rerun_embedded,
    }
