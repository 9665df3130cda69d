"""Spend: billed ACUs beside the ACUs sessions report, money, the budget and its forecast."""

from __future__ import annotations

import streamlit as st

from devin_data.analytics import periods
from devin_data.analytics.reconcile import billing_days
from devin_data.analytics.spend import billed_beside_sessions, billed_frame, mark_billing_days
from devin_data.charts.spend import billed_chart
from devin_data.models.billing import billing_day
from ui.components.format import plain
from ui.components.widgets import chart, empty_state, partial_caption
from ui.data.remote import current_spend
from ui.sections.organizations import spend_comparison
from ui.sections.spend_cycle import budget_input, cycle_cards
from ui.sections.spend_days import day_boundary_caption
from ui.sections.spend_people import people_table
from ui.sections.spend_reconcile import reconciliation_table
from ui.shell.config import spend_settings
from ui.state.context import page_context

ctx = page_context()
settings, spec, now, sessions = ctx.settings, ctx.filters, ctx.now, ctx.sessions
spend, _ = spend_settings()

st.title("Spend")
if settings.api_version == "v1":
    st.info(
        "Billed ACUs, money and budgets are not available: the v1 API reports no ACUs or "
        "billed consumption; use a v3 key (cog_…).",
        icon=":material/info:",
    )
    st.stop()

view = current_spend(settings, spend, now)
if view.reason:
    st.info(plain(f"Billed ACUs are not available: {view.reason}"), icon=":material/lock:")

st.subheader("This billing cycle")
budget_input(settings, spend, view)
if sentence := view.sentence():
    st.markdown(plain(sentence))
cycle_cards(view, spend)

billed = billed_frame(view.days)
start, end = spec.window(now)
first_day, last_day = billing_days((start, end), now, billed, sessions)
# The sessions' side follows every filter but the dates, which the billing days replace.
daily = billed_beside_sessions(billed, ctx.undated, first_day, last_day)
daily = mark_billing_days(daily, periods.window_to_now(start, end, now))

st.subheader("Billed and reported ACUs per billing day")
day_boundary_caption(spec.tz, billing_day(now))
chart(
    billed_chart(daily, title="Billed ACUs by product, and the ACUs sessions report"),
    daily,
    key="spend_daily",
    filename="billed_acus_per_day.csv",
    empty="No billing day in the selected period.",
)
partial_caption(daily, "billing day")
reconciliation_table(ctx, spend)
spend_comparison(settings, spend, now, (first_day, last_day))

st.subheader("People")
if view.reason:
    empty_state("Billed ACUs per person are not available for this key.")
else:
    people_table(settings, ctx.undated, view, spend, (first_day, last_day))
