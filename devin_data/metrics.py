"""Pure metrics over the sessions frame: filters, KPIs, period comparison and breakdowns.

Every function takes frames from :mod:`devin_data.frames` and returns plain values or small,
already aggregated frames that :mod:`devin_data.charts` can plot directly.
"""

from devin_data.metrics_breakdowns import (
    MESSAGE_BUCKETS,
    distribution,
    message_histogram,
    people,
    sessions_per_period,
)
from devin_data.metrics_kpis import (
    KPI_DEFINITIONS,
    LARGE_SIZES,
    Kpi,
    KpiSpec,
    Measure,
    compare_periods,
    coverage_reason,
    filter_sessions,
    kpis,
)
from devin_data.metrics_summary import summary_sentences

__all__ = [
    "KPI_DEFINITIONS",
    "LARGE_SIZES",
    "MESSAGE_BUCKETS",
    "Kpi",
    "KpiSpec",
    "Measure",
    "compare_periods",
    "coverage_reason",
    "distribution",
    "filter_sessions",
    "kpis",
    "message_histogram",
    "people",
    "sessions_per_period",
    "summary_sentences",
]
