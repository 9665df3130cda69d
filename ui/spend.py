"""Spend in the app: the price and budget settings, the cached consumption, and the alert banner.

Billed consumption, cycles and limits are refreshed from the API once per sync of the sessions
(and at most every ten minutes), incrementally; a refresh that fails leaves what is cached.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from devin_data.analytics.alerts import alerts
from devin_data.analytics.kpis import Kpi
from devin_data.analytics.spend import SpendView
from devin_data.config import (
    CURRENCY,
    Settings,
    SpendSettings,
)
from devin_data.services import spend as spending
from devin_data.services.workspace import Workspace
from ui.config import spend_settings
from ui.format import plain
from ui.loaders import sessions_frame, workspace


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh(path: str, finished: str, _ws: Workspace) -> list[str]:
    """Bring the cached consumption, cycles and limits up to date; the problems met."""
    return spending.refreshed(_ws, datetime.now(UTC))


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh_users(path: str, finished: str, _ws: Workspace, users: tuple[str, ...]) -> int:
    """Bring each user's cached billed days up to date; how many could not be read."""
    return spending.refresh_people(_ws, users, datetime.now(UTC))


def _last_sync(ws: Workspace) -> tuple[str, str]:
    """The cache key of a refresh: the store, and when its last sync finished (a session opened
    on its own does not count: spend is refreshed once per sync)."""
    return ws.key, str(spending.last_sync_finished(ws))


def refresh(settings: Settings) -> list[str]:
    """Refresh billed ACUs once per sync, unless another process (a scheduled sync, another
    replica of a shared store) already did."""
    ws = workspace(settings)
    if not spending.due(ws):
        return []
    return _refresh(*_last_sync(ws), ws)


def refresh_people(settings: Settings, users: tuple[str, ...]) -> int:
    ws = workspace(settings)
    return _refresh_users(*_last_sync(ws), ws, users)


def current_spend(settings: Settings, spend: SpendSettings, now: datetime) -> SpendView:
    """The spend of this connection as cached after a refresh."""
    refresh(settings)
    return spending.view(workspace(settings), spend, now)


def spend_banner(settings: Settings) -> None:
    """A warning at the top of every page for each threshold the manager set that is crossed."""
    spend, problems = spend_settings()
    for problem in problems:
        st.warning(plain(problem), icon=":material/warning:")
    if settings.api_version == "v1":
        return
    now = datetime.now(UTC)
    view = current_spend(settings, spend, now)
    found = alerts(view.forecast, view.budget.source, sessions_frame(settings), now, spend)
    for alert in found:
        st.warning(plain(alert.text), icon=":material/notifications_active:")


def price() -> float | None:
    """The ACU price set in the environment or secrets, if any."""
    return spend_settings()[0].acu_price


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
