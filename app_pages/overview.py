"""Overview: what happened in the period, the KPIs against the previous period, and the shape."""

from __future__ import annotations

import streamlit as st

from devin_data import analytics
from devin_data.models import to_utc
from devin_data.query.registry import COMPARE_PARAMS
from ui.components.format import plain
from ui.components.kpi import kpi_captions, kpi_card
from ui.components.widgets import empty_state
from ui.data.workspace import workspace
from ui.sections import compare, delivery, organizations, overview
from ui.sections.spend_cycle import forecast_line, money_caption
from ui.sections.spend_reconcile import overview_line
from ui.shell.config import spend_settings
from ui.state.context import page_context

ctx = page_context()
frame = ctx.filtered
coverage = workspace(ctx.settings).state().coverage_start
coverage_start = to_utc(coverage) if coverage else None
start, end = overview.period_bounds(ctx)

st.title("Overview")
if frame.empty:
    empty_state()
    st.stop()

kpis = analytics.compare_periods(ctx.undated, start, end, coverage_start, api=ctx.api, tz=ctx.tz)
for sentence in analytics.summary_sentences(
    ctx.undated, start, end, coverage_start, kpis, api=ctx.api, tz=ctx.tz
):
    st.markdown(plain(sentence))
forecast_line(ctx.settings)

cards = st.columns(4) + st.columns(3)
for card, kpi in zip(cards, kpis, strict=False):
    kpi_card(card, kpi)
kpi_captions(kpis)
money_caption(kpis)
overview_line(ctx, spend_settings()[0])

overview.shape(ctx, end)
delivery.repositories(frame, ctx.api, key="overview_repositories")
delivery.per_merged_pr(frame, ctx.api, key="overview_per_merged_pr")
delivery.pr_metrics_section(ctx.settings, ctx.filters, ctx.now)
organizations.comparison(ctx.settings, ctx.filters, ctx.now)
# Any two periods (or teams) side by side, on demand: nothing is computed while it is off.
wanted = any(param in st.query_params for param in COMPARE_PARAMS)
if st.toggle("Compare any two periods or teams", value=wanted, key="overview_compare"):
    compare.compare_section(ctx.settings, ctx.sessions, frame, ctx.filters)
