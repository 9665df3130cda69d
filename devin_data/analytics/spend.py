"""Billed ACUs beside the ACUs sessions report, and the budget or limit of the current cycle.

Billed days are the API's billing days (08:00 UTC to 08:00 UTC, named by the date they start);
session ACUs are put on the billing day of the session's creation, so the two line up day by
day. What the bill holds beyond the sessions: the other products (cascade, terminal, review)
and any difference in the ``devin`` product (sessions not cached, ACUs grown since the sync).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from devin_data.analytics.forecast import (
    DAY_START,
    Daily,
    Forecast,
    billing_day,
    forecast,
    forecast_sentence,
    month_cycle,
)

PRODUCTS = ("devin", "cascade", "terminal", "review")
BILLED_COLUMNS = ("day", *PRODUCTS, "billed")
CachedDays = Mapping[str, Mapping[str, float]]  # epoch start -> ACUs per product


def _day_of_epoch(epoch: str | int) -> date:
    return billing_day(datetime.fromtimestamp(int(epoch), UTC))


def billed_frame(days: CachedDays) -> pd.DataFrame:
    """One row per billing day: ``day`` (date), ACUs per product and ``billed`` (their sum)."""
    rows = [
        {"day": _day_of_epoch(epoch), **{p: float(products.get(p, 0.0)) for p in PRODUCTS}}
        for epoch, products in days.items()
    ]
    frame = pd.DataFrame(rows, columns=list(BILLED_COLUMNS[:-1]))
    frame["billed"] = frame[list(PRODUCTS)].sum(axis=1)
    return (
        frame.sort_values("day").reset_index(drop=True).astype(dict.fromkeys(PRODUCTS, "float64"))
    )


def daily_billed(days: CachedDays) -> Daily:
    """Billed ACUs per billing day, every product included (the forecast's input)."""
    return {_day_of_epoch(e): float(sum(p.values())) for e, p in days.items()}


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


@dataclass(frozen=True)
class Budget:
    """The ACU limit of the current cycle and where it comes from."""

    cycle: tuple[date, date]
    limit: float | None
    source: str  # "ACU limit of the organization", "monthly budget", ...


def current_cycle(billing: Mapping[str, Any], now: datetime) -> tuple[date, date]:
    """The billing cycle holding ``now``: from the API's cycles, else the calendar month."""
    moment = now.timestamp()
    for cycle in billing.get("cycles", []):
        if cycle["after"] <= moment < cycle["before"]:
            return _day_of_epoch(cycle["after"]), _day_of_epoch(cycle["before"])
    return month_cycle(now)


def budget_for(
    billing: Mapping[str, Any], org_id: str | None, now: datetime, monthly_budget: float | None
) -> Budget:
    """The organization's ACU limit when the API has one, else the enterprise's, else the
    manager's monthly budget, else none."""
    cycle = current_cycle(billing, now)
    limits = billing.get("limits", [])
    for scope, label in (("org", "ACU limit of the organization"), ("enterprise", None)):
        for entry in limits:
            if entry.get("scope") == scope and (scope != "org" or entry.get("org_id") == org_id):
                source = label or "ACU limit of the enterprise"
                return Budget(cycle, float(entry["cycle_acu_limit"]), source)
    if monthly_budget:
        return Budget(cycle, float(monthly_budget), "monthly budget")
    return Budget(cycle, None, "no budget set")


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
        what = "monthly budget" if self.budget.source == "monthly budget" else "ACU limit"
        return forecast_sentence(self.forecast, what=what)


def spend_view(
    days: CachedDays,
    billing: Mapping[str, Any],
    status: Mapping[str, Any],
    org_id: str | None,
    now: datetime,
    *,
    monthly_budget: float | None,
) -> SpendView:
    """The cycle's budget or limit and its forecast from the cached billed days."""
    budget = budget_for(billing, org_id, now, monthly_budget)
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
