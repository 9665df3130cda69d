"""The headline KPIs: what each is, how its change is coloured, its value or why there is none.

A KPI's value leaves out sessions whose field was not reported and says how many it left out; when
the API never reports the field (a v1 key) or no session reports it, there is no value, only the
reason. Nothing unreported is ever counted as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from devin_data.analytics.definitions import definition_of
from devin_data.config import ApiVersion
from devin_data.frames.availability import left_out_note, missing_reason

LARGE_SIZES = ("l", "xl")

DeltaColor = Literal["normal", "inverse", "off"]


@dataclass(frozen=True)
class KpiSpec:
    """How a KPI is shown: label, format, the definition its help quotes, how its change reads.

    ``delta_color`` says what a rise means: "normal" a rise is good (green), "inverse" a rise is a
    cost (red), "off" a rise is neither (grey). A share's change is in percentage points.
    """

    label: str
    fmt: str
    definition: str
    delta_color: DeltaColor
    share: bool = False

    @property
    def help(self) -> str:
        """The definition, word for word as on the Data page and in the README."""
        return definition_of(self.definition)


# The order is the order the dashboard shows them in.
KPI_DEFINITIONS: Final[dict[str, KpiSpec]] = {
    # More sessions is more use, neither good nor bad by itself.
    "sessions": KpiSpec("Sessions", ",.0f", "Sessions", "off"),
    # Spend follows use; more of it is a cost to watch, not a success.
    "acus": KpiSpec("ACUs reported by sessions", ",.2f", "ACUs", "off"),
    # The same work for more ACUs is worse.
    "acus_per_session": KpiSpec("ACUs per session", ",.2f", "ACUs per session", "inverse"),
    "sessions_with_merged_pr": KpiSpec(
        "Sessions with a merged PR", ",.0f", "Sessions with a merged PR", "normal"
    ),
    # More human back-and-forth per session means Devin needed more help.
    "median_user_messages": KpiSpec(
        "Median user messages", ",.1f", "Median user messages per session", "inverse"
    ),
    # Bigger sessions are bigger tasks: a mix, not a verdict.
    "share_large": KpiSpec(
        "Large sessions (l/xl)", ".1%", "Share of L/XL sessions", "off", share=True
    ),
    "share_with_insights": KpiSpec(
        "Sessions with insights", ".1%", "Share with insights", "normal", share=True
    ),
}


@dataclass(frozen=True)
class Measure:
    """A KPI value, or why there is none (``missing``), and what the value leaves out (``note``)."""

    value: float | None
    missing: str | None = None
    note: str | None = None


def _reported(frame: pd.DataFrame, column: str, api: ApiVersion) -> tuple[pd.Series, Measure]:
    """The reported values of ``column``, and the Measure to use when none can be shown."""
    reason = missing_reason(frame, column, api)
    values = frame[column].iloc[:0] if reason else frame[column].dropna()
    return values, Measure(
        None, missing=reason, note=None if reason else left_out_note(frame, column)
    )


def _acus(frame: pd.DataFrame, api: ApiVersion) -> tuple[Measure, Measure]:
    values, base = _reported(frame, "acus_consumed", api)
    if base.missing:
        return base, base
    mean = float(values.mean()) if len(values) else None
    return Measure(float(values.sum()), note=base.note), Measure(mean, note=base.note)


def _median(frame: pd.DataFrame, column: str, api: ApiVersion) -> Measure:
    values, base = _reported(frame, column, api)
    value = float(values.astype("float64").median()) if len(values) else None
    return base if base.missing else Measure(value, note=base.note)


def _share(frame: pd.DataFrame, column: str, api: ApiVersion, hits: pd.Series) -> Measure:
    """Share of ``hits`` among the sessions that report ``column``."""
    values, base = _reported(frame, column, api)
    value = float(hits[values.index].mean()) if len(values) else None
    return base if base.missing else Measure(value, note=base.note)


def _merged(frame: pd.DataFrame, api: ApiVersion) -> Measure:
    values, base = _reported(frame, "has_merged_pr", api)
    return base if base.missing else Measure(int(values.sum()), note=base.note)


def kpis(frame: pd.DataFrame, api: ApiVersion = "v3") -> dict[str, Measure]:
    """Headline numbers of a sessions frame read through an ``api`` key.

    A value is None when it is undefined (no sessions) or unavailable (``missing`` says why).
    """
    acus, per_session = _acus(frame, api)
    large = frame["session_size"].isin(LARGE_SIZES)
    return {
        "sessions": Measure(len(frame)),
        "acus": acus,
        "acus_per_session": per_session,
        "sessions_with_merged_pr": _merged(frame, api),
        "median_user_messages": _median(frame, "num_user_messages", api),
        "share_large": _share(frame, "session_size", api, large),
        "share_with_insights": _share(frame, "has_analysis", api, frame["has_analysis"]),
    }
