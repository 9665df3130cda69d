"""``python -m benchmarks.peer [--size full|smoke]``: only the row of the cold sync against the
sequential day-window collector (:mod:`benchmarks.daywindow`), ``BENCH_RUNS`` runs each."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks import rows, suite
from benchmarks.measured import Measured
from benchmarks.sizes import chosen
from benchmarks.table import render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=("full", "smoke"), default=None)
    measured = Measured(chosen(parser.parse_args().size))
    with tempfile.TemporaryDirectory(prefix="devin-bench-") as folder:
        suite.measure_peer(measured, Path(folder))
    print(render(rows.peer_rows(measured)))


if __name__ == "__main__":
    main()
