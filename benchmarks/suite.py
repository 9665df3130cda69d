"""Run every measurement against emulators started as their own processes on loopback.

Ours and the naive baseline alternate run by run, so a neighbour's load on the machine falls on
both alike. Every run syncs into a fresh cache folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import procs, serving
from benchmarks.procs import say
from benchmarks.sizes import Sizes
from devin_data.emulator import ADMIN_KEY, V1_KEY


@dataclass
class Measured:
    """Raw results, one entry per run; :mod:`benchmarks.rows` turns them into the table."""

    sizes: Sizes
    v3_process: list[procs.Finished] = field(default_factory=list)
    v3_naive: list[procs.Finished] = field(default_factory=list)
    v3_inproc: list[dict[str, Any]] = field(default_factory=list)
    large: list[dict[str, Any]] = field(default_factory=list)
    frame: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, Any] = field(default_factory=dict)
    v1_process: list[procs.Finished] = field(default_factory=list)
    v1_naive: list[procs.Finished] = field(default_factory=list)
    app: dict[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)


def naive(api: str, url: str, work: Path) -> procs.Finished:
    return procs.run(procs.python("benchmarks.naive", api, "--base-url", url, "--out", str(work)))


def worker(what: str, cache_dir: Path, *args: str) -> dict[str, Any]:
    command = procs.python("benchmarks.worker", what, "--cache-dir", str(cache_dir), *args)
    return procs.run(command).json()


def measure_v3(m: Measured, work: Path) -> None:
    s = m.sizes
    with procs.emulator(s.v3_sessions, s.v3_latency_ms) as url:
        for run in range(s.runs):
            say(f"v3 cold sync of {s.v3_sessions:,} sessions, run {run + 1} of {s.runs}")
            m.v3_process.append(procs.cli_sync(url, work / f"v3-cli-{run}", ADMIN_KEY))
            m.v3_naive.append(naive("v3", url, work / f"v3-naive-{run}.jsonl"))
            m.v3_inproc.append(worker("cold-sync", work / f"v3-in-{run}", "--base-url", url))


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
    with procs.emulator(s.v1_sessions, s.v1_latency_ms) as url:
        for run in range(s.runs):
            say(f"v1 cold sync of {s.v1_sessions:,} sessions, run {run + 1} of {s.runs}")
            m.v1_process.append(procs.cli_sync(url, work / f"v1-cli-{run}", V1_KEY))
            m.v1_naive.append(naive("v1", url, work / f"v1-naive-{run}.jsonl"))


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
        measure_v3(measured, work)
        measure_large(measured, work)
        measure_v1(measured, work)
        if app:
            measure_app(measured, work)
    return measured
