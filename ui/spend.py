"""Spend in the app: the price and budget settings, the cached consumption, and the alert banner.

Billed consumption, cycles and limits are refreshed from the API once per sync of the sessions
(and at most every ten minutes), incrementally; a refresh that fails leaves what is cached.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

import streamlit as st

from devin_data.analytics.alerts import alerts
from devin_data.analytics.kpis import Kpi
from devin_data.analytics.spend import SpendView, spend_view
from devin_data.config import (
    CURRENCY,
    SOURCE_ENVIRONMENT,
    SOURCE_SECRETS,
    SPEND_NAMES,
    Settings,
    SpendSettings,
)
from devin_data.connect import client_for
from devin_data.errors import DevinError
from devin_data.sync.spend import (
    refresh_billing,
    refresh_consumption,
    refresh_users,
    spend_due,
)
from ui.format import plain
from ui.loaders import sessions_frame, store

BUDGET = "monthly_budget_acus"


def _secrets() -> Mapping[str, object]:
    try:
        return {name: st.secrets[name] for name in SPEND_NAMES if name in st.secrets}
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


def spend_settings() -> tuple[SpendSettings, list[str]]:
    """The price, budget and thresholds from the environment then the secrets, and the values
    that were ignored (not numbers)."""
    return SpendSettings.load((SOURCE_ENVIRONMENT, os.environ), (SOURCE_SECRETS, _secrets()))


def monthly_budget(settings: Settings, spend: SpendSettings) -> float | None:
    """The budget set on the Spend page, else the configured one."""
    saved = store(settings).spend_settings().get(BUDGET)
    return float(saved) if saved else spend.monthly_budget_acus


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh(path: str, version: str, _settings: Settings) -> list[str]:
    """Bring the cached consumption, cycles and limits up to date; the problems met."""
    now = datetime.now(UTC)
    cache = store(_settings)
    try:
        with client_for(_settings) as client:
            problems = refresh_consumption(client, cache, now).problems
            refresh_billing(client, cache, now)
    except DevinError as err:
        return [f"Billed ACUs could not be refreshed: {err}"]
    return problems


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh_users(path: str, version: str, _settings: Settings, users: tuple[str, ...]) -> int:
    """Bring each user's cached billed days up to date; how many could not be read."""
    try:
        with client_for(_settings) as client:
            result = refresh_users(client, store(_settings), users, datetime.now(UTC))
    except DevinError:
        return len(users)
    return len(result.problems)


def _last_sync(settings: Settings) -> tuple[str, str]:
    """The cache key of a refresh: the store, and when its last sync finished (a session opened
    on its own does not count: spend is refreshed once per sync)."""
    current = store(settings)
    finished = (current.meta().get("last_sync") or {}).get("finished_at")
    return str(current.path), str(finished)


def refresh(settings: Settings) -> list[str]:
    """Refresh billed ACUs once per sync, unless another process (a scheduled sync, another
    replica of a shared store) already did."""
    finished = (store(settings).meta().get("last_sync") or {}).get("finished_at")
    if not spend_due(store(settings), finished):
        return []
    return _refresh(*_last_sync(settings), settings)


def refresh_people(settings: Settings, users: tuple[str, ...]) -> int:
    return _refresh_users(*_last_sync(settings), settings, users)


def current_spend(settings: Settings, spend: SpendSettings, now: datetime) -> SpendView:
    """The spend of this connection as cached after a refresh."""
    refresh(settings)
    cache = store(settings)
    return spend_view(
        cache.consumption(),
        cache.billing(),
        cache.spend_status(),
        settings.effective_org_id,
        now,
        monthly_budget=monthly_budget(settings, spend),
    )


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
