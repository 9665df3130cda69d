"""cProfile of the work behind the benchmark rows, every thread included::

    python -m benchmarks.profile cold-sync --sessions 10000
    python -m benchmarks.profile warm-sync --sessions 100000
    python -m benchmarks.profile frame --sessions 100000
    python -m benchmarks.profile page --page Timelines --sessions 100000

``cold-sync`` profiles one cold ``--full`` v3 sync against the emulator on loopback (0 ms);
the others sync unprofiled first: ``warm-sync`` profiles the sync that follows, ``frame`` one
sessions frame build from the warmed cache, ``page`` one rerun of a page over frames built once.
Prints the top functions by cumulative and by own time, for the main thread (the plan and the
store writes) and for the fetching threads merged (where waits on the network add up per thread).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import procs
from benchmarks.worker import settings, synced_store
from devin_data import client_for, frames, store_for, sync
from devin_data.sync.people import refresh_people


@contextmanager
def profiled(out: dict[str, pstats.Stats]) -> Iterator[None]:
    """Profile the calling thread and, merged apart, every thread started meanwhile."""
    started: list[cProfile.Profile] = []

    def start(*_: Any) -> None:
        thread_profile = cProfile.Profile()
        started.append(thread_profile)
        thread_profile.enable()

    threading.setprofile(start)
    main = cProfile.Profile()
    main.enable()
    try:
        yield
    finally:
        main.disable()
        threading.setprofile(None)
        out["main thread"] = pstats.Stats(main)
        if started:
            out["fetching threads"] = pstats.Stats(*started)


def cold_sync(url: str, cache_dir: Path) -> None:
    config = settings(url, cache_dir)
    with client_for(config) as client:
        store = store_for(config)
        sync.sync(client, store, sync.SyncOptions(full=True))
        store.close()


def warm_sync(url: str, cache_dir: Path) -> None:
    """A default sync of the organization the cold sync just stored: nothing has changed."""
    config = settings(url, cache_dir)
    with client_for(config) as client:
        store = store_for(config)
        sync.sync(client, store, sync.SyncOptions())
        store.close()


def top(stats: pstats.Stats, order: str, count: int) -> str:
    stream = io.StringIO()
    stats.stream = stream  # type: ignore[attr-defined]
    stats.sort_stats(order).print_stats(count)
    text = stream.getvalue()
    return text[text.index("   ncalls") :] if "   ncalls" in text else text


def prepared(what: str, url: str, cache: Path, page: str) -> Callable[[], object]:
    """The work to profile; whatever it needs first (a sync, frames) is done unprofiled."""
    if what == "cold-sync":
        return lambda: cold_sync(url, cache)
    cold_sync(url, cache)
    store = synced_store(cache)
    if what == "warm-sync":
        return lambda: warm_sync(url, cache)
    if what == "frame":
        frames.frame_from_table(store.snapshot())  # warm the file cache
        return lambda: frames.frame_from_table(store.snapshot())
    from benchmarks import pages

    with client_for(settings(url, cache)) as client:
        refresh_people(client, store, now=datetime.now(UTC))
    data, now = pages.Loaded.load(store), datetime.now(UTC)
    return lambda: pages.rerun(pages.PAGES[page], data, pages.SPECS[0], now)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=("cold-sync", "warm-sync", "frame", "page"))
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--page", default="Timelines", help="with `page`: which page reruns")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    found: dict[str, pstats.Stats] = {}
    with (
        tempfile.TemporaryDirectory(prefix="devin-profile-") as folder,
        procs.emulator(args.sessions) as url,
    ):
        work = prepared(args.what, url, Path(folder), args.page)
        started = time.perf_counter()
        with profiled(found):
            work()
        wall = time.perf_counter() - started
    print(f"# {args.what}, {args.sessions:,} sessions: {wall:.2f} s wall under the profiler")
    for part, stats in found.items():
        for order in ("cumulative", "tottime"):
            print(f"\n## {part}: top {args.top} by {order}\n")
            print(top(stats, order, args.top))


if __name__ == "__main__":
    main()
