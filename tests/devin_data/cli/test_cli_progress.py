"""The terminal progress bar fed by sync progress events."""

from __future__ import annotations

import io

from devin_data.cli.progress import ProgressBar
from devin_data.sync.entry import SyncProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _line(progress: SyncProgress) -> str:
    stream = Terminal()
    ProgressBar(stream, min_interval=0)(progress)
    return stream.getvalue().rstrip()


def test_render_shows_share_and_counts() -> None:
    line = _line(SyncProgress("windows", 8, 32, "window 8 of 32 stored"))
    assert "[" + "#" * 7 + "." * 23 + "]" in line
    assert "8/32" in line
    assert line.endswith("window 8 of 32 stored")
    assert "[" + "." * 30 + "]" in _line(SyncProgress("pages", 3, None, "3 pages"))


def test_bar_redraws_one_line_on_a_terminal() -> None:
    stream = Terminal()
    bar = ProgressBar(stream, min_interval=0)
    for done in range(5):
        bar(SyncProgress("windows", done, 4, f"{done} stored"))
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 5
    assert "4/4" in text
    assert text.endswith("\n")


def test_bar_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(SyncProgress("windows", 1, 4, "1 stored"))
    bar.close()
    assert stream.getvalue() == ""
