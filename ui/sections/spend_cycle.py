"""The Spend page's billing cycle: the budget input, the cycle cards, and the sentence and money
the Overview shows of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.forecast import footing_sentence
from devin_data.analytics.kpis import Kpi
from devin_data.analytics.spend import SpendView
from devin_data.config import CURRENCY, Settings, SpendSettings
from devin_data.services import budget
from ui.components.format import plain
from ui.data.remote import current_spend
from ui.data.workspace import workspace
from ui.shell.config import spend_settings


def _save_budget(settings: Settings) -> None:
    budget.save_budget(workspace(settings), st.session_state.get("spend_budget"))


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
    projected = None if cast is None or cast.quiet else cast.projected
    if cast is not None and cast.quiet:
        below = "none: this cycle has billed little or nothing yet"
    _card(
        cards[1], f"Projected to {last:%d %b}", projected,
        spend, below=below, help=help_of["Spend forecast"],
    )  # fmt: skip
    label = "Budget" if budget.source.is_budget else "ACU limit"
    _card(cards[2], label, budget.limit, spend, help=help_of["Budget and ACU limit"])
    reached = "–"
    if cast is not None and budget.limit is not None and not cast.quiet:
        reached = f"{cast.runs_out:%d %b}" if cast.runs_out else "not this cycle"
    cards[3].metric("Limit reached", reached, help=help_of["Run-out date"], border=True)
    if cast is not None:
        st.caption(plain(footing_sentence(cast)))


_CARD_HELP = ("Billed ACUs", "Spend forecast", "Budget and ACU limit", "Run-out date")


_MONEY_KPIS = ("acus", "acus_per_session")


def money_caption(kpis: list[Kpi]) -> None:
    """Under the Overview cards: the ACU cards in money, when a price is set."""
    spend, _ = spend_settings()
    if spend.acu_price is not None:
        parts = []
        for kpi in kpis:
            if kpi.name in _MONEY_KPIS and kpi.value is not None and kpi.missing is None:
                before = spend.money_text(kpi.previous) if kpi.previous is not None else ""
                was = f" (previous period {before})" if before else ""
                parts.append(f"{kpi.label} {spend.money_text(kpi.value)}{was}")
        if parts:
            price_text = f"{CURRENCY}{spend.acu_price:,.2f}"
            st.caption(plain(f"In money at {price_text} per ACU: " + "; ".join(parts) + "."))


def forecast_line(settings: Settings) -> None:
    """The Overview's sentence on where the cycle's spend is heading, when it can be told."""
    if settings.api_version == "v1":
        return
    spend, _ = spend_settings()
    view = current_spend(settings, spend, datetime.now(UTC))
    sentence = view.sentence()
    if sentence:
        st.markdown(plain(sentence))
