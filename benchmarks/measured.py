"""The raw results of a benchmark run, one entry per run: what :mod:`benchmarks.suite` measures and
:mod:`benchmarks.rows` turns into the table (its own module, so neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks import procs
from benchmarks.sizes import Sizes


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
    peer_process: list[procs.Finished] = field(default_factory=list)
    peer_collector: list[procs.Finished] = field(default_factory=list)
