"""How big each benchmark runs: the full sizes of the targets, or a smoke size done in seconds."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

V3_MAX_PAGE = 200  # the API's largest page: `first` is at most 200


@dataclass(frozen=True)
class Sizes:
    """Sessions and latency of each emulator, and how many runs each median takes.

    The app server's rows use ``app_sessions``, ``app_users`` browser sessions at once and
    ``app_rounds`` rounds of visits; the comparison with the day-window collector
    ``peer_sessions`` at ``peer_latency_ms``.
    """

    name: str
    v3_sessions: int
    v3_latency_ms: float
    large_sessions: int
    v1_sessions: int
    v1_latency_ms: float
    runs: int
    large_runs: int
    app_sessions: int
    app_users: int
    app_rounds: int
    peer_sessions: int = 2_000
    peer_latency_ms: float = 100


# fmt: off
FULL = Sizes("full", 10_000, 100, 100_000, 400, 100, runs=3, large_runs=3,
             app_sessions=100_000, app_users=10, app_rounds=3)
SMOKE = Sizes("smoke", 300, 5, 1_200, 25, 2, runs=1, large_runs=1,
              app_sessions=300, app_users=2, app_rounds=1)
# fmt: on


def chosen(name: str | None = None) -> Sizes:
    """``BENCH_SIZE`` (full or smoke); ``BENCH_RUNS``, ``BENCH_LARGE_RUNS`` and ``BENCH_APP_ROUNDS``
    override its runs."""
    sizes = {"full": FULL, "smoke": SMOKE}[(name or os.environ.get("BENCH_SIZE") or "full")]
    runs = int(os.environ.get("BENCH_RUNS") or sizes.runs)
    large = int(os.environ.get("BENCH_LARGE_RUNS") or sizes.large_runs)
    rounds = int(os.environ.get("BENCH_APP_ROUNDS") or sizes.app_rounds)
    return replace(sizes, runs=runs, large_runs=large, app_rounds=rounds)
