"""In-process measurements, each in a fresh child process so its peak RSS is its own::

    python -m benchmarks.worker cold-sync --base-url URL --cache-dir DIR [--api v3|v1]
    python -m benchmarks.worker frame --cache-dir DIR --runs 3
    python -m benchmarks.worker pages --cache-dir DIR --runs 3
    python -m benchmarks.worker shared --cache-dir DIR --store-url URL --runs 3

Each prints one JSON line. Times are taken around the work itself: imports, the interpreter's
start and the emulator are outside them.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from bisect import bisect_left
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from devin_data import Secret, Settings, Store, SyncProgress, client_for, frames, store_for, sync
from devin_data.emulator import ADMIN_KEY, ORG_ID, V1_KEY
from devin_data.sync.people import refresh_people


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settings(base_url: str, cache_dir: Path, api: str = "v3") -> Settings:
    key = ADMIN_KEY if api == "v3" else V1_KEY
    return Settings(api_key=Secret(key), org_id=ORG_ID, base_url=base_url, cache_dir=cache_dir)


def synced_store(cache_dir: Path) -> Store:
    """The one store a benchmark sync left in ``cache_dir``."""
    (scope,) = [path.name for path in cache_dir.iterdir() if path.is_dir()]
    return Store.open(cache_dir, scope)


def empty_windows(windows: list[list[int]], created: list[float]) -> int:
    """Windows of the cold plan that hold no session ([a, b), the last one open-ended)."""
    ordered = sorted(created)
    empty = 0
    for index, (a, b) in enumerate(windows):
        end = len(ordered) if index == len(windows) - 1 else bisect_left(ordered, b)
        empty += end - bisect_left(ordered, a) <= 0
    return empty


def cold_sync(base_url: str, cache_dir: Path, api: str) -> dict[str, Any]:
    """A cold ``--full`` sync timed in-process, then a warm sync of the unchanged organization."""
    config = settings(base_url, cache_dir, api)
    windows: list[list[int]] = []
    with client_for(config) as client:
        store = store_for(config)

        def watch(event: SyncProgress) -> None:
            plan = store.sync_state().plan if event.phase == "plan" else None
            if plan is not None:
                windows.extend(plan["windows"])

        rss_before = peak_rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        report = sync.sync(client, store, sync.SyncOptions(full=True), progress=watch)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        rss = peak_rss_mb()
        warm_started = time.perf_counter()
        warm = sync.sync(client, store, sync.SyncOptions())
        warm_seconds = time.perf_counter() - warm_started
        created = store.snapshot()["created_at"].to_pylist()
        store.close()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "requests": report.requests,
        "sessions": report.sessions_total,
        "windows": len(windows),
        "empty_windows": empty_windows(windows, created) if windows else 0,
        "rss_before_mb": rss_before,
        "rss_mb": rss,
        "warm_seconds": warm_seconds,
        "warm_requests": warm.requests,
    }


def frame(cache_dir: Path, runs: int) -> dict[str, Any]:
    """The sessions frame from a warmed cache, as the app's loader builds it after a sync: the
    columnar snapshot the sync left, read memory-mapped, typed for analysis."""
    store = synced_store(cache_dir)
    rows = len(frames.frame_from_table(store.snapshot()))  # warms the file cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        frames.frame_from_table(store.snapshot())
        times.append(time.perf_counter() - started)
    store.close()
    return {"seconds": times, "rows": rows, "rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=("cold-sync", "frame", "pages", "shared"))
    parser.add_argument("--store-url", default="")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--cache-dir", required=True, type=Path)
    parser.add_argument("--api", choices=("v3", "v1"), default="v3")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.what == "cold-sync":
        result = cold_sync(args.base_url, args.cache_dir, args.api)
    elif args.what == "frame":
        result = frame(args.cache_dir, args.runs)
    elif args.what == "shared":
        from benchmarks import shared  # SQLAlchemy stays out of the other measurements

        result = shared.measure(synced_store(args.cache_dir), args.store_url, args.runs)
    else:
        from benchmarks import pages  # Streamlit's import stays out of the other measurements

        store = synced_store(args.cache_dir)
        if args.base_url:  # names, teams and active users, as the app fetches them once a day
            with client_for(settings(args.base_url, args.cache_dir)) as client:
                refresh_people(client, store, now=datetime.now(UTC))
        result = pages.measure(store, args.runs)
        result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
