"""The pieces of the Spend page: budget input, cycle cards, the day boundary, the tables."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.spend import PRODUCTS, SpendView, reported_per_user, with_money
from devin_data.config import Settings, SpendSettings
from devin_data.models.billing import day_start
from devin_data.services import spend as spending
from ui.format import plain
from ui.loaders import workspace
from ui.spend import refresh_people
from ui.widgets import download_frame, empty_state


def _save_budget(settings: Settings) -> None:
    spending.save_budget(workspace(settings), st.session_state.get("spend_budget"))


def budget_input(settings: Settings, spend: SpendSettings, view: SpendView) -> None:
    """The monthly budget, kept in the cache, unless the API gives an ACU limit."""
    if view.budget.source.is_limit:
        st.caption(plain(f"The limit is the {view.budget.source.text}, read from the API."))
        return
    st.number_input(
        "Monthly budget (ACUs)",
        min_value=0.0,
        step=500.0,
        value=float(view.budget.limit or 0.0),
        key="spend_budget",
        help="A budget per calendar-month cycle (from the 1st at 08:00 UTC); 0 means none. "
        "It is kept with this connection's cache and used by the report as well.",
        on_change=_save_budget,
        args=(settings,),
    )


def _card(
    place: DeltaGenerator, label: str, acus: float | None, spend: SpendSettings, **text: str
) -> None:
    """A card in ACUs, with the money (and ``text["below"]``) under it; ``text["help"]``."""
    value = "–" if acus is None else f"{acus:,.0f} ACUs"
    below = " · ".join(part for part in (spend.money_text(acus), text.get("below", "")) if part)
    place.metric(
        label,
        value,
        delta=below or None,
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=text.get("help"),
    )


def cycle_cards(view: SpendView, spend: SpendSettings) -> None:
    """Billed so far, projected, the limit and the day it is reached."""
    cast, budget = view.forecast, view.budget
    start = budget.cycle[0]
    last = budget.cycle[1] - timedelta(days=1)
    cards = st.columns(4)
    help_of = {name: plain(definition_of(name)) for name in _CARD_HELP}
    spent = None if cast is None else cast.spent
    _card(cards[0], f"Billed since {start:%d %b}", spent, spend, help=help_of["Billed ACUs"])
    below = "" if cast is None else f"range {cast.projected_low:,.0f}–{cast.projected_high:,.0f}"
    projected = None if cast is None else cast.projected
    _card(
        cards[1], f"Projected to {last:%d %b}", projected,
        spend, below=below, help=help_of["Spend forecast"],
    )  # fmt: skip
    label = "Budget" if budget.source.is_budget else "ACU limit"
    _card(cards[2], label, budget.limit, spend, help=help_of["Budget and ACU limit"])
    reached = "–"
    if cast is not None and budget.limit is not None:
        reached = f"{cast.runs_out:%d %b}" if cast.runs_out else "not this cycle"
    cards[3].metric("Limit reached", reached, help=help_of["Run-out date"], border=True)


_CARD_HELP = ("Billed ACUs", "Spend forecast", "Budget and ACU limit", "Run-out date")


def day_boundary_caption(tz: str, today: date) -> None:
    """Which day boundary the billed figures use, and that it is not the viewer's day."""
    local = pd.Timestamp(day_start(today)).tz_convert(tz).strftime("%H:%M")
    st.caption(
        plain(
            "Billing days run from 08:00 UTC (midnight Pacific standard time) to 08:00 UTC the "
            f"next day and are named by the date they start; in your time zone ({tz}) that is "
            f"{local} today, so a billing day is not the day the other pages count in. "
            "Session ACUs are put on the billing day of the session's creation. The bill covers "
            "the whole organization, so of the sidebar filters only the created date applies here."
        )
    )


_ACUS = {
    "acus": "ACUs",
    "billed_in_period": "Billed in the period",
    "sessions_report": "Sessions report",
    "billed_this_cycle": "Billed this cycle",
    "cycle_limit": "ACU limit per cycle",
}
_COLUMNS = {
    "figure": st.column_config.TextColumn("Figure"),
    "user_id": st.column_config.TextColumn("User"),
    "share_of_limit": st.column_config.ProgressColumn(
        "Share of the limit", format="percent", min_value=0.0, max_value=1.0
    ),
    **{k: st.column_config.NumberColumn(v, format="%.2f") for k, v in _ACUS.items()},
    **{
        f"{k}_usd": st.column_config.NumberColumn(f"{v} in $", format="$%.2f")
        for k, v in _ACUS.items()
    },
}


def difference_table(daily: pd.DataFrame, spend: SpendSettings, *, billed_available: bool) -> None:
    """Totals of the period: billed by product, reported by sessions, and the difference."""
    rows = [(f"Billed: {p}", daily[p].sum()) for p in PRODUCTS]
    rows += [("Billed in total", daily["billed"].sum())]
    rows += [("Reported by sessions", daily["session_acus"].sum())]
    if billed_available:
        rows += [("Difference (billed − sessions)", daily["difference"].sum())]
    else:
        rows = [rows[-1]]
    table = pd.DataFrame(rows, columns=["figure", "acus"])
    table = with_money(table, spend.acu_price, ["acus"])
    st.dataframe(table, hide_index=True, key="spend_totals", column_config=_COLUMNS)
    download_frame(table, key="spend_totals_csv", filename="spend_totals.csv", digits={"acus": 2})
    st.caption(plain(definition_of("Billed ACUs beside session ACUs")))


def people_table(
    settings: Settings,
    sessions: pd.DataFrame,
    view: SpendView,
    spend: SpendSettings,
    period: tuple[date, date],
) -> None:
    """Billed ACUs per person in the period and in the cycle, against their limit if any."""
    users = tuple(sorted(sessions["user_id"].dropna().unique().tolist()))
    if not users:
        empty_state("No person started a cached session.")
        return
    failed = refresh_people(settings, users)
    reported = reported_per_user(sessions, *period)
    table = spending.billed_per_person(
        workspace(settings), users, view.budget.cycle, period, reported
    )
    table = table.sort_values("billed_in_period", ascending=False)
    table = with_money(table, spend.acu_price, ["billed_in_period", "billed_this_cycle"])
    st.dataframe(table, hide_index=True, key="spend_people", column_config=_COLUMNS)
    download_frame(table, key="spend_people_csv", filename="billed_per_person.csv")
    if failed:
        st.caption(plain(f"The billed ACUs of {failed} people could not be read just now."))
