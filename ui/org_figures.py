"""The People and Spend pages' rows of the organization comparison: each organization's people
figures and its spend, from its own cache (an enterprise key only; see :mod:`ui.organizations`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd

from devin_data.analytics.adoption import adoption, humans
from devin_data.analytics.kpis import NOT_AVAILABLE
from devin_data.analytics.spend import BudgetSource, session_day
from devin_data.config import Settings, SpendSettings
from devin_data.query.filters import FilterSpec
from ui.organizations import compare_organizations, frame_of, plain_spec
from ui.spend import current_spend

_NONE = "–"
PEOPLE_COLUMNS = ("Active people", "Sessions per active person", "New people", "Merged-PR rate")


def _number(value: float | None, digits: int = 0) -> str:
    return _NONE if value is None else f"{value:,.{digits}f}"


def people_row(frame: pd.DataFrame, spec: FilterSpec, now: datetime) -> dict[str, object]:
    """Active and new people, sessions per active person and merged-PR rate of one
    organization's sessions, counted as the People page's adoption counts them."""
    plain = plain_spec(spec)
    start, end = plain.window(now)
    undated = replace(plain, preset="all").apply(frame, now)
    found = adoption(undated, start, min(end or now, pd.Timestamp(now)))
    mine = humans(plain.apply(frame, now))
    active = len(found.active)
    merged = mine["has_merged_pr"].dropna().astype("float64")
    values = (
        _number(active),
        _number(len(mine) / active if active else None, 1),
        _number(len(found.new)),
        _NONE if merged.empty else f"{merged.mean():.1%}",
    )
    return dict(zip(PEOPLE_COLUMNS, values, strict=True))


def people_comparison(settings: Settings, spec: FilterSpec, now: datetime) -> None:
    """People's "Organizations" table: each organization's adoption figures side by side."""

    def row_of(org: Settings) -> dict[str, object]:
        frame = frame_of(org)
        if frame is None:
            return dict.fromkeys(PEOPLE_COLUMNS, NOT_AVAILABLE)
        return people_row(frame, spec, now)

    compare_organizations(settings, "people_organizations", row_of)


def _acus(spend: SpendSettings, label: str, acus: float | None) -> dict[str, object]:
    """An ACU figure, and its money beside it when a price is set."""
    row: dict[str, object] = {label: _number(acus, 1)}
    if spend.acu_price is not None:
        row[f"{label} in $"] = spend.money_text(acus) or _NONE
    return row


def spend_row(
    org: Settings, spend: SpendSettings, now: datetime, period: tuple[date, date]
) -> dict[str, object]:
    """One organization's billed ACUs this cycle, the ACUs its sessions report over the
    ``period``'s billing days, its own ACU limit and the projected cycle total."""
    frame = frame_of(org)  # synced first, so its consumption is refreshed as after a sync
    view = current_spend(org, spend, now)
    cast = view.forecast
    reported = None
    if frame is not None:
        day = session_day(frame)
        in_period = (day >= period[0]) & (day <= period[1])
        reported = float(frame.loc[in_period, "acus_consumed"].sum())
    limit = view.budget.limit if view.budget.source is BudgetSource.API_LIMIT else None
    row: dict[str, object] = {}
    row |= _acus(spend, "Billed this cycle", None if cast is None else cast.spent)
    row |= _acus(spend, "Sessions report in the period", reported)
    row |= _acus(spend, "ACU limit", limit)
    row |= _acus(spend, "Projected this cycle", None if cast is None else cast.projected)
    missing: tuple[str, ...] = ("Billed", "Projected") if view.reason else ()
    missing += ("Sessions",) if frame is None else ()
    return {k: NOT_AVAILABLE if k.startswith(missing) else v for k, v in row.items()}


def spend_comparison(
    settings: Settings, spend: SpendSettings, now: datetime, period: tuple[date, date]
) -> None:
    """Spend's "Organizations" table: each organization's cycle and period side by side."""
    compare_organizations(
        settings, "spend_organizations", lambda org: spend_row(org, spend, now, period)
    )
