"""Pure metrics over the frames: filters, KPIs, period comparison, breakdowns and timelines.

Every function takes frames from :mod:`devin_data.frames` and returns plain values or small,
already aggregated frames that :mod:`devin_data.charts` can plot directly.
"""

from devin_data.analytics.breakdowns import (
    MESSAGE_BUCKETS,
    distribution,
    message_histogram,
    sessions_per_period,
)
from devin_data.analytics.coverage import ended, insight_coverage, missing_insights
from devin_data.analytics.endings import merged_share_over_time, outcomes_over_time
from devin_data.analytics.insights import (
    analysed_share,
    category_by_size,
    issue_impacts,
    item_counts,
    tidy_issues,
)
from devin_data.analytics.kpis import (
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
from devin_data.analytics.session import (
    WAIT_THRESHOLD,
    session_messages_frame,
    total_wait,
    waiting_gaps,
)
from devin_data.analytics.summary import summary_sentences
from devin_data.analytics.timelines import (
    active_by_status,
    concurrency,
    pick_freq,
    recent_sessions,
    weekday_hour,
)
from devin_data.analytics.waiting import (
    median_answer_time,
    session_spans,
    waiting_per_person,
    working_waiting_per_period,
)
from devin_data.frames.members import member_mask, of_sessions

__all__ = [
    "KPI_DEFINITIONS",
    "LARGE_SIZES",
    "MESSAGE_BUCKETS",
    "WAIT_THRESHOLD",
    "Kpi",
    "KpiSpec",
    "Measure",
    "active_by_status",
    "analysed_share",
    "category_by_size",
    "compare_periods",
    "concurrency",
    "coverage_reason",
    "distribution",
    "ended",
    "filter_sessions",
    "insight_coverage",
    "issue_impacts",
    "item_counts",
    "kpis",
    "median_answer_time",
    "member_mask",
    "merged_share_over_time",
    "message_histogram",
    "missing_insights",
    "of_sessions",
    "outcomes_over_time",
    "pick_freq",
    "recent_sessions",
    "session_messages_frame",
    "session_spans",
    "sessions_per_period",
    "summary_sentences",
    "tidy_issues",
    "total_wait",
    "waiting_gaps",
    "waiting_per_person",
    "weekday_hour",
    "working_waiting_per_period",
]
