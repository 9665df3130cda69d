"""The benchmark table's arithmetic: medians, ratios, verdicts and rows not measured yet."""

from __future__ import annotations

from benchmarks.table import Row, not_measured, render
from benchmarks.worker import empty_windows


def test_ratio_is_the_baselines_median_over_ours():
    row = Row("k", "what", "≥ 4x", "s", ours=(1.0, 3.0, 2.0), baseline=(9.0, 8.0, 100.0))
    assert row.value == 2.0
    assert row.ratio == 4.5


def test_a_ratio_row_is_judged_on_the_ratio_and_a_plain_row_on_the_median():
    ratio = Row("k", "w", "≥ 4x", ours=(2.0,), baseline=(7.0,), check=lambda r: r >= 4)
    judged = Row("k", "w", "≥ 4x", ours=(2.0,), baseline=(7.0,), check=lambda r: r >= 4,
                 judge_ratio=True)  # fmt: skip
    assert ratio.passed is False
    assert judged.passed is False
    assert Row("k", "w", "≥ 3x", ours=(2.0,), baseline=(7.0,), check=lambda r: r >= 3,
               judge_ratio=True).passed is True  # fmt: skip


def test_a_row_without_runs_says_why_and_has_no_number():
    row = not_measured("k", "first open", "≤ 1.5 s", "needs a server")
    text = render([row])
    assert row.passed is None
    assert "not measured yet: needs a server" in text
    assert not any(char.isdigit() for char in text.splitlines()[-1].split("|")[2])


def test_render_has_a_header_a_rule_and_one_line_per_row():
    rows = [
        Row("a", "one", "≤ 1 s", "s", ours=(0.5,), check=lambda v: v <= 1),
        Row("b", "two", "t"),
    ]
    lines = render(rows).splitlines()
    assert len(lines) == 4
    assert "pass" in lines[2]
    assert lines[1].startswith("| ---")


def test_empty_windows_counts_windows_without_a_creation_time():
    windows = [[0, 10], [10, 20], [20, 30], [30, 40]]
    assert empty_windows(windows, [1.0, 25.0, 29.0]) == 2  # [10, 20) and [30, 40) hold none
    assert empty_windows(windows, [10.0, 55.0]) == 2  # the last window is open-ended
