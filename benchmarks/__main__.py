"""``python -m benchmarks [--size full|smoke] [--no-app]``: measure, then print the machine and
the table."""

from __future__ import annotations

import argparse
import os
import platform
import time

from benchmarks import run
from benchmarks.sizes import chosen
from benchmarks.table import render


def machine() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=("full", "smoke"), default=None)
    parser.add_argument(
        "--no-app", action="store_true", help="skip the rows on the app server (they need chromium)"
    )
    args = parser.parse_args()
    sizes = chosen(args.size)
    started, before = time.monotonic(), machine()
    rows = run(sizes.name, app=not args.no_app)
    print(f"Benchmarks ({sizes.name}) on {before}")
    print(f"took {time.monotonic() - started:.0f} s; at the end: {machine()}\n")
    print(render(rows))


if __name__ == "__main__":
    main()
