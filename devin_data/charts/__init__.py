"""Plotly figures as functions of already aggregated frames, one module per page family."""

from devin_data.charts.coverage import coverage_chart
from devin_data.charts.insights import (
    bars,
    selected_drill,
    selected_keys,
    selection_filters,
    stacked_bars,
)
from devin_data.charts.outcomes import (
    outcomes_chart,
    waiting_per_person_chart,
    working_waiting_chart,
)
from devin_data.charts.overview import (
    bar_distribution,
    empty_figure,
    horizontal_bar,
    message_histogram_chart,
    stacked_over_time,
)
from devin_data.charts.palette import (
    CATEGORY_COLORS,
    COLOR_MAPS,
    ORIGIN_COLORS,
    SIZE_COLORS,
    SOURCE_COLORS,
    STATUS_COLORS,
    color_for,
    colors_for,
)
from devin_data.charts.people import active_users_chart, learning_chart
from devin_data.charts.session import message_timeline_chart, timeline_data
from devin_data.charts.style import duration_text
from devin_data.charts.timelines import (
    concurrency_chart,
    status_area,
    status_timeline,
    weekday_hour_heatmap,
)
from devin_data.text.labels import label

__all__ = [
    "CATEGORY_COLORS",
    "COLOR_MAPS",
    "ORIGIN_COLORS",
    "SIZE_COLORS",
    "SOURCE_COLORS",
    "STATUS_COLORS",
    "active_users_chart",
    "bar_distribution",
    "bars",
    "color_for",
    "colors_for",
    "concurrency_chart",
    "coverage_chart",
    "duration_text",
    "empty_figure",
    "horizontal_bar",
    "label",
    "learning_chart",
    "message_histogram_chart",
    "message_timeline_chart",
    "outcomes_chart",
    "selected_drill",
    "selected_keys",
    "selection_filters",
    "stacked_bars",
    "stacked_over_time",
    "status_area",
    "status_timeline",
    "timeline_data",
    "waiting_per_person_chart",
    "weekday_hour_heatmap",
    "working_waiting_chart",
]
