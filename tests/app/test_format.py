"""Formatting helpers used by every page."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from ui.components.format import duration, local_time, number, percent, plain


def test_plain_escapes_html_and_markdown() -> None:
    text = plain('<script>alert("x")</script> **bold** [link](javascript:x) a&b')
    assert "<" not in text
    assert ">" not in text
    assert "&lt;script&gt;" in text
    assert "\\*\\*bold\\*\\*" in text
    assert "\\[link\\]\\(javascript\\:x\\)" in text
    assert "a&amp;b" in text
    assert plain(None) == ""


def test_numbers_times_and_durations() -> None:
    assert number(1234.5, 1) == "1,234.5"
    assert number(None) == "—"
    assert percent(0.256) == "25.6%"  # a share always to one decimal
    assert percent(0.56) == "56.0%"
    stamp = pd.Timestamp("2026-01-01T23:30Z")
    assert local_time(stamp, "Europe/Berlin") == "2026-01-02 00:30"
    assert duration(timedelta(days=1, hours=3)) == "1 d 3 h"
    assert duration(timedelta(minutes=125)) == "2 h 5 min"
    assert duration(timedelta(seconds=30)) == "30 s"
