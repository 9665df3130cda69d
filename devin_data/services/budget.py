"""The budget and the spend view of a connection: the one budget rule, and what the Spend page,
the Overview, the alert banner and the report read about spend, from what the store keeps.

The budget (:func:`monthly_budget`): the API's ACU limit (the organization's, else the
enterprise's) wins; without one, the monthly budget typed on the Spend page (kept in the store),
else ``DEVIN_MONTHLY_BUDGET_ACUS``. Billed ACUs are kept by :mod:`devin_data.services.spend`."""

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
from devin_data.services.workspace import Workspace

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
