"""Run every measurement against emulators started as their own processes on loopback.

Ours and the naive baseline alternate run by run, so a neighbour's load on the machine falls on
both alike. Every run syncs into a fresh cache folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks import procs, serving
from benchmarks.daywindow import PACIFIC
from benchmarks.measured import Measured
from benchmarks.procs import history_start, say
from benchmarks.sizes import Sizes
from devin_data.emulator import ADMIN_KEY, V1_KEY


def naive(api: str, url: str, work: Path) -> procs.Finished:
    return procs.run(procs.python("benchmarks.naive", api, "--base-url", url, "--out", str(work)))


def worker(what: str, cache_dir: Path, *args: str) -> dict[str, Any]:
    command = procs.python("benchmarks.worker", what, "--cache-dir", str(cache_dir), *args)
    return procs.run(command).json()


def measure_v3(m: Measured, work: Path) -> None:
    s = m.sizes
    _cold_syncs(m, work, "v3", (s.v3_sessions, s.v3_latency_ms, ADMIN_KEY))


def _cold_syncs(m: Measured, work: Path, api: str, org: tuple[int, float, str]) -> None:
    """Our command line and the naive baseline, run after run, each into a fresh folder (and
    the in-process sync too, for v3)."""
    sessions, latency, key = org
    with procs.emulator(sessions, latency) as url:
        for run in range(m.sizes.runs):
            say(f"{api} cold sync of {sessions:,} sessions, run {run + 1} of {m.sizes.runs}")
            ours = procs.cli_sync(url, work / f"{api}-cli-{run}", key)
            theirs = naive(api, url, work / f"{api}-naive-{run}.jsonl")
            (m.v3_process if api == "v3" else m.v1_process).append(ours)
            (m.v3_naive if api == "v3" else m.v1_naive).append(theirs)
            if api == "v3":
                m.v3_inproc.append(worker("cold-sync", work / f"v3-in-{run}", "--base-url", url))


def measure_peer(m: Measured, work: Path) -> None:
    """Our command line against the sequential day-window collector, run after run, from the
    Pacific day of the organization's first session."""
    sessions, latency = m.sizes.peer_sessions, m.sizes.peer_latency_ms
    since = f"{history_start().astimezone(PACIFIC).date():%Y-%m-%d}"
    with procs.emulator(sessions, latency) as url:
        procs.cli_sync(url, work / "peer-warm-up", ADMIN_KEY)  # untimed: its bytecode is cached
        for run in range(m.sizes.runs):
            say(f"cold sync vs the day-window collector, {sessions:,} sessions, run {run + 1}")
            m.peer_process.append(procs.cli_sync(url, work / f"peer-cli-{run}", ADMIN_KEY))
            out = str(work / f"peer-{run}.sqlite3")
            collector = procs.python("benchmarks.daywindow", "--base-url", url, "--since", since)
            m.peer_collector.append(procs.run([*collector, "--out", out]))


def measure_large(m: Measured, work: Path) -> None:
    s = m.sizes
    cache = work / "large-0"
    with procs.emulator(s.large_sessions) as url:
        for run in range(s.large_runs):
            say(f"v3 cold sync of {s.large_sessions:,} sessions, run {run + 1} of {s.large_runs}")
            cache = work / f"large-{run}"
            m.large.append(worker("cold-sync", cache, "--base-url", url))
    say(f"sessions frame and page reruns at {s.large_sessions:,} sessions")
    m.frame = worker("frame", cache, "--runs", str(max(s.runs, 3)))
    m.pages = worker("pages", cache, "--runs", str(max(s.runs, 3)), "--base-url", url)
    say(f"the shared store on PostgreSQL at {s.large_sessions:,} sessions")
    measure_shared(m, cache)


def measure_shared(m: Measured, cache: Path) -> None:
    """The large cache copied into a throwaway PostgreSQL, read by a replica on an empty disk."""
    from benchmarks.postgres import PostgresServer

    server = PostgresServer()
    try:
        url = server.fresh_url()
        runs = str(max(m.sizes.runs, 3))
        m.shared = worker("shared", cache, "--store-url", url, "--runs", runs)
    finally:
        server.stop()


def measure_v1(m: Measured, work: Path) -> None:
    s = m.sizes
    _cold_syncs(m, work, "v1", (s.v1_sessions, s.v1_latency_ms, V1_KEY))


def measure_app(m: Measured, work: Path) -> None:
    s = m.sizes
    (work / "app").mkdir()
    m.app = serving.measure(s.app_sessions, s.app_users, s.app_rounds, work / "app")


def measure(sizes: Sizes, *, app: bool = True) -> Measured:
    """Every measurement at ``sizes`` (those on the app server only with ``app``); the caches live
    in a temporary folder removed after."""
    measured = Measured(sizes)
    with tempfile.TemporaryDirectory(prefix="devin-bench-") as folder:
        work = Path(folder)
        measure_peer(measured, work)
        measure_v3(measured, work)
        measure_large(measured, work)
        measure_v1(measured, work)
        if app:
            measure_app(measured, work)
    return measured
