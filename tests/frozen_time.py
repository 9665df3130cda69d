"""The one instant the tests run at, and a launcher that runs a Python module at that instant.

The instant is a Saturday evening in March, after the US and before the European daylight-saving
switch, so a test that assumes "the same offset all year" or "today is a weekday" fails here too.

``python tests/frozen_time.py -m MODULE ARGS...`` runs ``python -m MODULE ARGS...`` after
travelling to :data:`FROZEN_NOW` (the clock ticks on from there): the Streamlit server of the
browser tests and the command line of the end-to-end tests see the same day as the emulators they
talk to, whatever the machine's date. A process without time-machine (the app in a fresh
environment built as the hosting platform builds it) runs under Debian's ``faketime`` instead.
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import time_machine

FROZEN_NOW = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)


def at_frozen_now(module: str) -> list[str]:
    """The command line that runs ``python -m module`` at :data:`FROZEN_NOW`."""
    return [sys.executable, str(Path(__file__).resolve()), "-m", module]


def faketime_at_frozen_now() -> list[str]:
    """The prefix that runs any command at :data:`FROZEN_NOW` (ticking) with Debian's faketime."""
    executable = shutil.which("faketime")
    if executable is None:
        raise RuntimeError("these tests need Debian's `faketime` (apt-get install faketime)")
    return [executable, FROZEN_NOW.strftime("%Y-%m-%d %H:%M:%S UTC")]


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] != "-m":
        raise SystemExit("usage: python tests/frozen_time.py -m MODULE [ARGS...]")
    module, *args = argv[1:]
    sys.path[0] = os.getcwd()  # what `python -m` puts first, rather than this file's folder
    sys.argv = [module, *args]
    time_machine.travel(FROZEN_NOW, tick=True).start()
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
