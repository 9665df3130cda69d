"""The sync progress bar on the terminal, drawn by click and fed by sync progress callbacks."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

import click

from devin_data.sync import SyncProgress

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar as ClickBar

_WIDTH = 30


class ProgressBar:
    """Redraws one line on a terminal; silent when the stream is not one (logs, pipes).

    ``phase [#####.....] 12/40  message``; with no known total the bar has no fill.
    """

    def __init__(self, stream: TextIO | None = None, *, min_interval: float = 0.1) -> None:
        self._stream = stream or sys.stderr
        self._bar: ClickBar[str] = click.progressbar(
            length=0,
            label="",
            file=self._stream,
            hidden=not self._stream.isatty(),
            width=_WIDTH,
            fill_char="#",
            empty_char=".",
            bar_template="%(label)s [%(bar)s] %(info)s",
            show_pos=True,
            show_percent=False,
            show_eta=False,
            item_show_func=lambda message: message,
        )
        self._last_draw = 0.0
        self._last_phase = ""
        self._min_interval = min_interval

    def __call__(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        phase_changed = progress.phase != self._last_phase
        self._last_phase = progress.phase
        finished = progress.total is not None and progress.done >= progress.total
        if not (phase_changed or finished or now - self._last_draw >= self._min_interval):
            return
        self._last_draw = now
        bar = self._bar
        bar.label = f"{progress.phase:<10}"
        bar.length = progress.total or None
        bar.pos = min(progress.done, progress.total) if progress.total else progress.done
        bar.current_item = progress.message
        bar.render_progress()

    def close(self) -> None:
        if self._last_phase:
            self._bar.render_finish()
