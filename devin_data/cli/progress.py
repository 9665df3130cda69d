"""A dependency-free progress bar for the terminal, fed by sync progress callbacks."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from devin_data.sync.entry import SyncProgress

_WIDTH = 30


class ProgressBar:
    """Redraws one line on a terminal; silent when the stream is not one (logs, pipes)."""

    def __init__(self, stream: TextIO | None = None, *, min_interval: float = 0.1) -> None:
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._last_draw = 0.0
        self._last_phase = ""
        self._min_interval = min_interval

    def __call__(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        phase_changed = progress.phase != self._last_phase
        self._last_phase = progress.phase
        finished = progress.total is not None and progress.done >= progress.total
        if not self._tty:
            return
        if not (phase_changed or finished or now - self._last_draw >= self._min_interval):
            return
        self._last_draw = now
        self._stream.write("\r\x1b[2K" + render(progress))
        self._stream.flush()

    def close(self) -> None:
        if self._tty and self._last_phase:
            self._stream.write("\n")
            self._stream.flush()


def render(progress: SyncProgress) -> str:
    """``phase [#####.....]  12/40  message`` (a spinner-free bar when the total is unknown)."""
    if progress.total:
        share = min(1.0, progress.done / progress.total)
        filled = round(share * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        count = f"{progress.done}/{progress.total}"
    else:
        bar = "." * _WIDTH
        count = str(progress.done)
    return f"{progress.phase:<10} [{bar}] {count:>11}  {progress.message}"
