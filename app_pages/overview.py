"""Overview: what happened in the period, the KPIs against the previous period, and the shape."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.frames.availability import empty_message
from devin_data.models import to_utc
from ui import compare_view, organizations, outcomes
from ui.connection import current_settings
from ui.filters import current_filters
from ui.format import plain
from ui.loaders import sessions_frame, workspace
from ui.spend import forecast_line, money_caption
from ui.widgets import DEFAULT_EMPTY, chart, empty_state, kpi_captions, kpi_card

settings = current_settings()
spec = current_filters()
now = datetime.now(UTC)
everything = sessions_frame(settings)
undated = replace(spec, preset="all").apply(everything, now)
frame = spec.apply(everything, now)
coverage = workspace(settings).state().coverage_start
coverage_start = to_utc(coverage) if coverage else None
start, end = spec.window(now)
if start is None:
    start = everything["created_at"].min() if len(everything) else pd.Timestamp(now)
end = end or pd.Timestamp(now)

st.title("Overview")
if frame.empty:
    empty_state()
    st.stop()

api = settings.api_version
kpis = analytics.compare_periods(undated, start, end, coverage_start, api=api, tz=spec.tz)
for sentence in analytics.summary_sentences(
    undated, start, end, coverage_start, kpis, api=api, tz=spec.tz
):
    st.markdown(plain(sentence))
forecast_line(settings)

cards = st.columns(4) + st.columns(3)
for card, kpi in zip(cards, kpis, strict=False):
    kpi_card(card, kpi)
kpi_captions(kpis)
money_caption(kpis)

left, right = st.columns([3, 2])
with left:
    grain = st.segmented_control("Per", ["Day", "Week"], default="Day", key="overview_grain")
    unit = "week" if grain == "Week" else "day"
    # Up to now, not to the end of today: a period still under way is partial too.
    per_period = analytics.sessions_per_period(
        frame, "W" if unit == "week" else "D", spec.tz, start=spec.window(now)[0], end=min(end, now)
    )
    chart(
        charts.stacked_over_time(
            per_period,
            "period",
            "status",
            "sessions",
            charts.STATUS_COLORS,
            title="Sessions by status",
            in_range="in_range",
            unit=unit,
        ),
        per_period,
        key="overview_per_period",
        filename="sessions_per_period.csv",
    )
    if (per_period["in_range"] < 1).any():
        st.caption(
            f"Hatched bars are partial: the selected range (or the time so far) covers only part "
            f"of that {unit}, so they count fewer sessions than a whole {unit} would."
        )
with right:
    histogram = analytics.message_histogram(frame)
    chart(
        charts.message_histogram_chart(histogram, title="Messages per session"),
        histogram,
        key="overview_messages",
        filename="messages_per_session.csv",
        empty=empty_message(frame, "num_user_messages", api) or DEFAULT_EMPTY,
    )

for column, (dimension, title) in zip(
    st.columns(3),
    [("session_size", "By size class"), ("category", "By category"), ("origin", "By origin")],
    strict=True,
):
    with column:
        data = analytics.distribution(frame, dimension)
        figure = charts.bar_distribution(
            data,
            x="value",
            y="sessions",
            color_map=charts.COLOR_MAPS[dimension],
            title=title,
            x_title="",
            y_title="Sessions",
            dimension=dimension,
            horizontal=dimension != "session_size",
        )
        chart(
            figure,
            data,
            key=f"overview_{dimension}",
            filename=f"sessions_by_{dimension}.csv",
            empty=empty_message(frame, dimension, api) or DEFAULT_EMPTY,
            codes={"value": dimension},
        )

outcomes.repositories(frame, api, key="overview_repositories")
outcomes.per_merged_pr(frame, api, key="overview_per_merged_pr")
outcomes.pr_metrics_section(settings, spec, now)
organizations.comparison(settings, spec, now)
# Any two periods (or teams) side by side, on demand: nothing is computed while it is off.
wanted = any(param in st.query_params for param in compare_view.PARAMS)
if st.toggle("Compare any two periods or teams", value=wanted, key="overview_compare"):
    compare_view.compare_section(settings, everything, frame, spec)
