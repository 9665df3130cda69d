"""Billed ACUs beside the ACUs sessions report, and the budget or limit of the current cycle.

Billed days are the API's billing days (:mod:`devin_data.models.billing`: 08:00 UTC to 08:00 UTC,
named by the date they start);
session ACUs are put on the billing day of the session's creation, so the two line up day by
day. What the bill holds beyond the sessions: the other products (cascade, terminal, review)
and any difference in the ``devin`` product (sessions not cached, ACUs grown since the sync).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import pandas as pd

from devin_data.analytics.forecast import Daily, Forecast, forecast, forecast_sentence
from devin_data.models.billing import DAY_START, day_of_epoch, month_cycle

PRODUCTS = ("devin", "cascade", "terminal", "review")
BILLED_COLUMNS = ("day", *PRODUCTS, "billed")
CachedDays = Mapping[str, Mapping[str, float]]  # epoch start -> ACUs per product


def billed_frame(days: CachedDays) -> pd.DataFrame:
    """One row per billing day: ``day`` (date), ACUs per product and ``billed`` (their sum)."""
    rows = [
        {"day": day_of_epoch(epoch), **{p: float(products.get(p, 0.0)) for p in PRODUCTS}}
        for epoch, products in days.items()
    ]
    frame = pd.DataFrame(rows, columns=list(BILLED_COLUMNS[:-1]))
    frame["billed"] = frame[list(PRODUCTS)].sum(axis=1)
    return (
        frame.sort_values("day").reset_index(drop=True).astype(dict.fromkeys(PRODUCTS, "float64"))
    )


def daily_billed(days: CachedDays) -> Daily:
    """Billed ACUs per billing day, every product included (the forecast's input)."""
    return {day_of_epoch(e): float(sum(p.values())) for e, p in days.items()}


def session_day(sessions: pd.DataFrame) -> pd.Series:
    """The billing day (a date) of each session's creation."""
    shifted = sessions["created_at"].dt.tz_convert("UTC") - pd.Timedelta(DAY_START)
    days: pd.Series = shifted.dt.date
    return days


def reported_per_user(sessions: pd.DataFrame, first: date, last: date) -> dict[str, float]:
    """ACUs the sessions of each person report, over the billing days from first to last."""
    day = session_day(sessions)
    mine = sessions[(day >= first) & (day <= last)]
    summed = mine.groupby("user_id", sort=False)["acus_consumed"].sum()
    return {str(k): float(v) for k, v in summed.items()}


def session_acus_by_day(sessions: pd.DataFrame) -> pd.DataFrame:
    """ACUs sessions report, per billing day of their creation: ``day``, ``session_acus``."""
    work = pd.DataFrame({"day": session_day(sessions), "acus": sessions["acus_consumed"]})
    summed = work.groupby("day", sort=True)["acus"].sum(min_count=1)
    return summed.rename("session_acus").reset_index()


def billed_beside_sessions(
    billed: pd.DataFrame, sessions: pd.DataFrame, first: date, last: date
) -> pd.DataFrame:
    """Per billing day from ``first`` to ``last``: billed ACUs by product, session ACUs and the
    difference (billed minus session ACUs). Days without data are 0 billed, NaN session ACUs."""
    days = pd.DataFrame({"day": pd.date_range(first, last, freq="D").date})
    out = days.merge(billed, on="day", how="left").merge(
        session_acus_by_day(sessions), on="day", how="left"
    )
    out[[*PRODUCTS, "billed"]] = out[[*PRODUCTS, "billed"]].fillna(0.0)
    out["other_products"] = out[["cascade", "terminal", "review"]].sum(axis=1)
    out["difference"] = out["billed"] - out["session_acus"].fillna(0.0)
    return out


class BudgetSource(Enum):
    """Where the cycle's budget or limit comes from; :attr:`text` says it in words."""

    API_LIMIT = "api_limit"  # the organization's ACU limit per cycle, read from the API
    ENTERPRISE_LIMIT = "enterprise_limit"  # the enterprise's, when the organization has none
    PAGE = "page"  # the monthly budget typed on the Spend page
    CONFIGURED = "configured"  # DEVIN_MONTHLY_BUDGET_ACUS
    NONE = "none"

    @property
    def text(self) -> str:
        return _SOURCE_TEXT[self]

    @property
    def is_limit(self) -> bool:
        """An ACU limit the API enforces, not a budget the manager set."""
        return self in (BudgetSource.API_LIMIT, BudgetSource.ENTERPRISE_LIMIT)

    @property
    def is_budget(self) -> bool:
        """A monthly budget the manager set (on the Spend page or in the configuration)."""
        return self in (BudgetSource.PAGE, BudgetSource.CONFIGURED)


_SOURCE_TEXT = {
    BudgetSource.API_LIMIT: "ACU limit of the organization",
    BudgetSource.ENTERPRISE_LIMIT: "ACU limit of the enterprise",
    BudgetSource.PAGE: "monthly budget",
    BudgetSource.CONFIGURED: "monthly budget",
    BudgetSource.NONE: "no budget set",
}


@dataclass(frozen=True)
class Budget:
    """The ACU limit of the current cycle and where it comes from."""

    cycle: tuple[date, date]
    limit: float | None
    source: BudgetSource


def current_cycle(billing: Mapping[str, Any], now: datetime) -> tuple[date, date]:
    """The billing cycle holding ``now``: from the API's cycles, else the calendar month."""
    moment = now.timestamp()
    for cycle in billing.get("cycles", []):
        if cycle["after"] <= moment < cycle["before"]:
            return day_of_epoch(cycle["after"]), day_of_epoch(cycle["before"])
    return month_cycle(now)


def budget_for(
    billing: Mapping[str, Any],
    org_id: str | None,
    now: datetime,
    monthly_budget: float | None,
    budget_source: BudgetSource = BudgetSource.CONFIGURED,
) -> Budget:
    """The organization's ACU limit when the API has one, else the enterprise's, else the
    manager's monthly budget (set where ``budget_source`` says), else none."""
    cycle = current_cycle(billing, now)
    limits = billing.get("limits", [])
    for scope, source in (("org", BudgetSource.API_LIMIT), ("enterprise", None)):
        for entry in limits:
            if entry.get("scope") == scope and (scope != "org" or entry.get("org_id") == org_id):
                found = source or BudgetSource.ENTERPRISE_LIMIT
                return Budget(cycle, float(entry["cycle_acu_limit"]), found)
    if monthly_budget:
        return Budget(cycle, float(monthly_budget), budget_source)
    return Budget(cycle, None, BudgetSource.NONE)


def user_limits(billing: Mapping[str, Any], org_id: str | None) -> dict[str, float]:
    """The ACU limit per cycle of each user who has one (in this organization or any)."""
    return {
        str(entry["user_id"]): float(entry["cycle_acu_limit"])
        for entry in billing.get("limits", [])
        if entry.get("scope") == "user"
        and entry.get("user_id")
        and entry.get("org_id") in (None, org_id)
    }


def cycle_total(days: CachedDays, cycle: tuple[date, date]) -> float:
    """Billed ACUs of the cycle's days so far."""
    start, end = cycle
    return sum(v for d, v in daily_billed(days).items() if start <= d < end)


@dataclass(frozen=True)
class SpendView:
    """Everything the Spend page, the Overview sentence and the report read about spend."""

    days: CachedDays
    budget: Budget
    forecast: Forecast | None
    reason: str | None  # why billed ACUs are not available, if they are not

    def sentence(self) -> str | None:
        """Where the cycle is heading, naming the budget or the limit; None without a forecast."""
        if self.forecast is None:
            return None
        what = "monthly budget" if self.budget.source.is_budget else "ACU limit"
        return forecast_sentence(self.forecast, what=what)


def spend_view(
    days: CachedDays,
    billing: Mapping[str, Any],
    status: Mapping[str, Any],
    org_id: str | None,
    now: datetime,
    *,
    monthly_budget: float | None,
    budget_source: BudgetSource = BudgetSource.CONFIGURED,
) -> SpendView:
    """The cycle's budget or limit and its forecast from the cached billed days."""
    budget = budget_for(billing, org_id, now, monthly_budget, budget_source)
    reason = status.get("reason") or None
    if not days and reason is None:
        reason = "no billed consumption is cached yet; it is read at the next sync"
    cast = forecast(daily_billed(days), budget.cycle, now, budget.limit) if days else None
    return SpendView(days, budget, cast, reason)


def with_money(frame: pd.DataFrame, price: float | None, columns: Sequence[str]) -> pd.DataFrame:
    """``frame`` with ``<column>_usd`` (ACUs times ``price``) right after each ACU column; the
    frame itself without a price. A missing ACU value stays missing in money."""
    if price is None:
        return frame
    out = frame.copy()
    for column in columns:
        if column in out.columns:
            at = list(out.columns).index(column) + 1
            out.insert(at, f"{column}_usd", out[column].astype("float64") * price)
    return out


def period_totals(daily: pd.DataFrame, *, billed_available: bool) -> pd.DataFrame:
    """The period's totals of a :func:`billed_beside_sessions` frame: billed by product, billed
    in total, reported by sessions and the difference; the sessions' line alone without a bill.
    Columns: figure (str), acus (float64)."""
    rows = [(f"Billed: {p}", daily[p].sum()) for p in PRODUCTS]
    rows += [("Billed in total", daily["billed"].sum())]
    rows += [("Reported by sessions", daily["session_acus"].sum())]
    if billed_available:
        rows += [("Difference (billed − sessions)", daily["difference"].sum())]
    else:
        rows = [rows[-1]]
    return pd.DataFrame(rows, columns=["figure", "acus"])
