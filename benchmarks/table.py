"""One row per target: our figure, the baseline's, their ratio, the target and pass or fail."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Check = Callable[[float], bool]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


@dataclass(frozen=True)
class Row:
    """A measured row keeps every run, so the table shows the median and the test sees them all.

    ``ratio`` is baseline / ours (how many times faster we are); ``check`` decides pass or fail
    on the judged value: the ratio when ``judge_ratio``, else our median. A row with ``reason``
    and no runs is "not measured yet".
    """

    key: str
    what: str
    target: str
    unit: str = ""
    ours: tuple[float, ...] = ()
    baseline: tuple[float, ...] = ()
    check: Check | None = field(default=None, compare=False, repr=False)
    judge_ratio: bool = False
    reason: str = ""
    note: str = ""

    @property
    def measured(self) -> bool:
        return bool(self.ours)

    @property
    def value(self) -> float:
        return median(self.ours)

    @property
    def ratio(self) -> float | None:
        if not self.baseline or not self.ours or self.value == 0:
            return None
        return median(self.baseline) / self.value

    @property
    def passed(self) -> bool | None:
        if not self.measured or self.check is None:
            return None
        judged = self.ratio if self.judge_ratio else self.value
        return None if judged is None else self.check(judged)


def not_measured(key: str, what: str, target: str, reason: str) -> Row:
    return Row(key=key, what=what, target=target, reason=reason)


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3g} s" if value < 10 else f"{value:.1f} s"
    if unit in ("MB", "µs"):
        return f"{value:,.0f} {unit}"
    if unit == "MB JSON":
        return f"{value:.2f} MB"
    return f"{value:,.0f}{(' ' + unit) if unit else ''}"


def _cells(row: Row) -> list[str]:
    if not row.measured:
        return [row.what, f"not measured yet: {row.reason}", "", "", row.target, "–"]
    runs = f" ({len(row.ours)} runs)" if len(row.ours) > 1 else " (1 run)"
    ours = _number(row.value, row.unit) + runs
    base = _number(median(row.baseline), row.unit) if row.baseline else ""
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
    verdict = {True: "pass", False: "FAIL", None: "–"}[row.passed]
    what = f"{row.what} ({row.note})" if row.note else row.what
    return [what, ours, base, ratio, row.target, verdict]


HEADER = ["measure", "ours (median)", "naive baseline", "ratio", "target", "result"]


def render(rows: Sequence[Row]) -> str:
    """A Markdown table, readable in a terminal and pasteable into the README."""
    lines = [HEADER, ["---"] * len(HEADER), *(_cells(row) for row in rows)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
