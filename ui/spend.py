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
from devin_data.analytics.money import SPEND_NAMES, SpendSettings
from devin_data.analytics.spend import SpendView, spend_view
from devin_data.config import SOURCE_ENVIRONMENT, SOURCE_SECRETS, Settings
from devin_data.connect import client_for
from devin_data.errors import DevinError
from devin_data.sync.spend import refresh_billing, refresh_consumption, refresh_users
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


def refresh(settings: Settings) -> list[str]:
    current = store(settings)
    return _refresh(str(current.path), current.data_version(), settings)


def refresh_people(settings: Settings, users: tuple[str, ...]) -> int:
    current = store(settings)
    return _refresh_users(str(current.path), current.data_version(), settings, users)


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
