"""Insights: coverage and filling it, what analyses found, what to do, which stacks, the ACUs."""

from __future__ import annotations

import streamlit as st

from devin_data import analytics, catalogue
from devin_data.analytics import periods
from devin_data.frames.availability import V1_REASON, api_reason
from ui.components.format import plain
from ui.sections import insights
from ui.sections.insight_coverage import coverage_section
from ui.state.context import page_context

ctx = page_context()
analysed, total = analytics.analysed_share(ctx.filtered)
empty = insights.no_analysis(total)

st.title("Insights")
if api_reason("has_analysis", ctx.api):
    st.info(f"Insights: {V1_REASON}.", icon=":material/key:")
    st.stop()
# The Overview card's measure, written the catalogue's way, so the two never disagree.
measure = catalogue.measure("share_with_insights")
share = f" ({catalogue.text(analysed / total, measure.unit)})" if total else ""
st.metric(measure.label, f"{analysed:,} of {total:,}{share}", help=plain(measure.definition))
coverage_section(ctx.settings, ctx.filtered, ctx.tz, periods.window_to_now(*ctx.window, ctx.now))
st.caption(
    "Click a bar to list those sessions on the Sessions page; the filter stays on every page "
    "until you remove it."
)
insights.issues(ctx, empty)
insights.items(ctx, analysed, empty)
insights.category_by_size(ctx)
insights.acus(ctx)
