"""Spend and budget: billed ACUs refreshed once per sync, the one budget rule, and the view of a
connection's spend that the Spend page, the Overview, the alert banner and the report all read.

How Spend gets billed ACUs: :func:`refresh` asks the consumption endpoint for the organization's
billed days (incrementally, see :mod:`devin_data.sync.spend`) with the billing cycles and ACU
limits, and keeps them in the store; the app does so once per sync of the sessions
(:func:`due`, the schedule of :mod:`devin_data.sync.schedule`), ``devin-data sync`` right after
its sync, ``devin-data report`` before it writes. Everything else reads what the store keeps.

The budget (:func:`monthly_budget`): the API's ACU limit (the organization's, else the
enterprise's) wins; without one, the monthly budget typed on the Spend page (kept in the store),
else ``DEVIN_MONTHLY_BUDGET_ACUS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd

from devin_data.analytics.spend import (
    BudgetSource,
    SpendView,
    billed_frame,
    cycle_total,
    spend_view,
    user_limits,
)
from devin_data.config import SpendSettings
from devin_data.errors import DevinError
from devin_data.services.workspace import Workspace
from devin_data.sync.schedule import spend_due
from devin_data.sync.spend import refresh_billing, refresh_consumption, refresh_users

BUDGET = "monthly_budget_acus"  # the store's spend setting the Spend page writes
PEOPLE_COLUMNS = (
    "user_id",
    "billed_in_period",
    "sessions_report",
    "billed_this_cycle",
    "cycle_limit",
    "share_of_limit",
)


def monthly_budget(ws: Workspace, spend: SpendSettings) -> tuple[float | None, BudgetSource]:
    """The budget typed on the Spend page (kept in the store), else the configured one; and
    which of them it is."""
    saved = ws.store.spend_settings().get(BUDGET)
    if saved:
        return float(saved), BudgetSource.PAGE
    return spend.monthly_budget_acus, BudgetSource.CONFIGURED


def save_budget(ws: Workspace, value: float | None) -> None:
    """Keep (or, with None or 0, remove) the budget typed on the Spend page."""
    ws.store.set_spend_setting(BUDGET, float(value) if value else None)


def last_sync_finished(ws: Workspace) -> float | None:
    """When the last sync of the sessions finished (epoch seconds), None before the first."""
    return ws.store.sync_state().finished_at


def due(ws: Workspace) -> bool:
    """Billed ACUs were never read, or read before the last sync finished."""
    return spend_due(ws.store, last_sync_finished(ws))


def refresh(ws: Workspace, now: datetime) -> list[str]:
    """Bring the kept consumption, cycles and limits up to date; the problems met (a missing
    permission is one). A failure to reach the API raises."""
    with ws.client() as client:
        problems = refresh_consumption(client, ws.store, now).problems
        refresh_billing(client, ws.store, now)
    return problems


def refreshed(ws: Workspace, now: datetime) -> list[str]:
    """:func:`refresh`, a failure to reach the API being one more problem (what is kept stays)."""
    try:
        return refresh(ws, now)
    except DevinError as err:
        return [f"Billed ACUs could not be refreshed: {err}"]


def refresh_people(ws: Workspace, users: tuple[str, ...], now: datetime) -> int:
    """Bring each user's kept billed days up to date; how many could not be read."""
    try:
        with ws.client() as client:
            result = refresh_users(client, ws.store, users, now)
    except DevinError:
        return len(users)
    return len(result.problems)


def view(ws: Workspace, spend: SpendSettings, now: datetime) -> SpendView:
    """The spend of this connection as kept: the cycle's budget or limit and its forecast."""
    store = ws.store
    budget, source = monthly_budget(ws, spend)
    return spend_view(
        store.consumption(),
        store.billing(),
        store.spend_status(),
        ws.settings.effective_org_id,
        now,
        monthly_budget=budget,
        budget_source=source,
    )


def billed_per_person(
    ws: Workspace,
    users: tuple[str, ...],
    cycle: tuple[date, date],
    period: tuple[date, date],
    reported: Mapping[str, float],
) -> pd.DataFrame:
    """Per user: billed ACUs in the period and in the cycle, what their sessions report
    (``reported``), and their ACU limit and its share where one exists (:data:`PEOPLE_COLUMNS`)."""
    first, last = period
    limits = user_limits(ws.store.billing(), ws.settings.effective_org_id)
    rows = []
    for user in users:
        days = ws.store.consumption(user)
        billed = billed_frame(days)
        in_period = billed[(billed["day"] >= first) & (billed["day"] <= last)]["billed"].sum()
        spent = cycle_total(days, cycle)
        limit = limits.get(user)
        share = spent / limit if limit else None
        rows.append((user, in_period, reported.get(user, 0.0), spent, limit, share))
    return pd.DataFrame(rows, columns=list(PEOPLE_COLUMNS))
