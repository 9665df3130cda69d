"""Benchmarks of the sync, the cache and the pages against the emulator on loopback.

``make bench`` (or ``python -m benchmarks``) prints one table: our figure, the naive baseline's,
their ratio, the target and pass or fail. ``make bench-smoke`` runs the same code small.
"""

from __future__ import annotations

from benchmarks.table import Row


def run(size: str | None = None, *, app: bool = True) -> list[Row]:
    """Measure everything at ``size`` (``full`` or ``smoke``; default ``BENCH_SIZE``), the app
    server's rows only with ``app``."""
    from benchmarks import rows, sizes, suite

    return rows.build(suite.measure(sizes.chosen(size), app=app))


__all__ = ["Row", "run"]
