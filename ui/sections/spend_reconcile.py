"""ACUs reported by sessions beside ACUs billed, on Spend (the table of every cause) and on the
Overview (one line naming both); the figures come from :mod:`devin_data.services.reconcile`."""

from __future__ import annotations

import streamlit as st

from devin_data.analytics.reconcile import BILLED, REPORTED, Reconciliation
from devin_data.analytics.spend import with_money
from devin_data.catalogue import BLANK, Unit
from devin_data.config import SpendSettings
from devin_data.services.reconcile import people_of, reconciliation
from ui.components.format import number_column, plain
from ui.components.widgets import download_frame
from ui.data.remote import current_spend, refresh_people
from ui.data.workspace import workspace
from ui.state.context import PageContext

SPEND_PAGE = "app_pages/spend.py"
_COLUMNS = {
    "figure": st.column_config.TextColumn("Figure"),
    "value": number_column("ACUs", Unit.ACUS),
    "difference": number_column(
        "Difference", Unit.ACUS, blank="the first row is the figure the steps start from"
    ),
    "cause": st.column_config.TextColumn("Cause", width="large"),
    "value_usd": number_column("ACUs in $", Unit.MONEY),
    "difference_usd": number_column("Difference in $", Unit.MONEY),
}
_HELP = (
    f"**{REPORTED}**: the ACUs the sessions created in the selected days (in your zone) report, "
    f"with every filter. **{BILLED}**: the bill of the billing days of those days (08:00 UTC to "
    "08:00 UTC), for the whole organization or, with a person or team filter, the per-user bill "
    "of those people. The rows between them explain the whole difference."
)


def current(ctx: PageContext, spend: SpendSettings) -> Reconciliation:
    """The reconciliation of the page's filters, the per-user bills read first when a person
    or team filter asks for them."""
    users = people_of(ctx.filters, ctx.sessions, ctx.now)
    if users and ctx.api == "v3":
        refresh_people(ctx.settings, users)
    view = current_spend(ctx.settings, spend, ctx.now)
    ws = workspace(ctx.settings)
    return reconciliation(
        ws, ctx.filters, ctx.sessions, ctx.filtered, ctx.now, billed_available=view.reason is None
    )


def reconciliation_table(ctx: PageContext, spend: SpendSettings) -> None:
    """Reported, the step of each cause, billed: one small table and its download."""
    st.subheader(f"{REPORTED} and {BILLED}", help=_HELP)
    found = current(ctx, spend)
    table = with_money(found.table(), spend.acu_price, ["value", "difference"])
    st.dataframe(
        table, hide_index=True, key="spend_reconcile", column_config=_COLUMNS, placeholder=BLANK
    )
    download_frame(table, key="spend_reconcile_csv", filename="reported_and_billed_acus.csv")
    if found.billed is None:
        st.caption(f"{BILLED} are not available, so only the sessions' figure is shown.")


def overview_line(ctx: PageContext, spend: SpendSettings) -> None:
    """Under the Overview's cards: the ACU card is what sessions report; the bill of the same
    days, and where the difference is explained."""
    if ctx.api != "v3":
        return
    found = current(ctx, spend)
    text = f"{REPORTED}: {found.reported:,.2f}"
    if found.billed is not None:
        first, last = found.days
        text += (
            f". {BILLED} for the billing days {first:%d %b} to {last:%d %b} (from 08:00 UTC, "
            f"{'those people' if found.per_person else 'the whole organization'}): "
            f"{found.billed:,.2f}; the Spend page explains the difference of "
            f"{found.billed - found.reported:+,.2f}"
        )
    st.caption(plain(text + "."))
    st.page_link(
        SPEND_PAGE,
        label=f"{REPORTED} and {BILLED} on Spend",
        icon=":material/payments:",
        query_params=ctx.filters.query_params(),
    )
