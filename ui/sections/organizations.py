"""The comparison of organizations (an enterprise key only): each organization's KPIs on Overview,
its people figures on People and its spend on Spend, each from that organization's own cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import streamlit as st

from devin_data import catalogue
from devin_data.analytics.adoption import adoption, humans
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.spend import BudgetSource, session_day
from devin_data.catalogue import BLANK, NOT_AVAILABLE, Inputs, Unit, figure
from devin_data.config import Settings, SpendSettings
from devin_data.query.filters import FilterSpec
from devin_data.services import organizations
from ui.data.remote import current_spend, enterprise_organizations, frame_of

_COMPARED = (
    "sessions",
    "acus_reported",
    "acus_per_session",
    "sessions_with_merged_pr",
    "share_large",
)


def plain_spec(spec: FilterSpec) -> FilterSpec:
    """The filters every organization shares: its own issues, tools and drill-downs are not."""
    return replace(spec, issues=(), actions=(), languages=(), tools=(), matches=None)


RowOf = Callable[[Settings], dict[str, object]]


def compare_organizations(
    settings: Settings, key: str, row_of: RowOf, help_name: str = "Organizations"
) -> pd.DataFrame | None:
    """One row per organization of an enterprise key, ``row_of`` its figures from that
    organization's own settings (so its own cache); shown as a table. None for any other key."""
    orgs = enterprise_organizations(settings)
    if len(orgs) < 2:
        return None
    st.subheader("Organizations", help=definition_of(help_name))
    rows = []
    with st.spinner("Reading every organization…"):
        for org in orgs:
            row: dict[str, object] = {"organization": org.name, "org_id": org.org_id}
            rows.append(row | row_of(organizations.scoped(settings, org)))
    config = {
        "organization": st.column_config.TextColumn("Organization"),
        "org_id": st.column_config.TextColumn("Organization id"),
    }
    table = pd.DataFrame(rows)
    st.dataframe(table, column_config=config, hide_index=True, key=key, placeholder=BLANK)
    return table


def comparison(settings: Settings, spec: FilterSpec, now: datetime) -> None:
    """Each organization's KPIs for the selected filters, side by side (enterprise keys only)."""
    plain = plain_spec(spec)

    def row_of(org: Settings) -> dict[str, object]:
        frame = frame_of(org)
        if frame is None:
            return {catalogue.measure(key).label: NOT_AVAILABLE for key in _COMPARED}
        inputs = Inputs(plain.apply(frame, now), org.api_version)
        return {catalogue.measure(key).label: figure(key, inputs).short for key in _COMPARED}

    compare_organizations(settings, "overview_organizations", row_of)


PEOPLE_COLUMNS = ("Active people", "Sessions per active person", "New people", "Merged-PR rate")


def people_row(frame: pd.DataFrame, spec: FilterSpec, now: datetime) -> dict[str, object]:
    """Active and new people, sessions per active person and merged-PR rate of one
    organization's sessions, counted as the People page's adoption counts them."""
    plain = plain_spec(spec)
    start, end = plain.window(now)
    undated = replace(plain, preset="all").apply(frame, now)
    found = adoption(undated, start, min(end or now, pd.Timestamp(now)))
    mine = humans(plain.apply(frame, now))
    active = len(found.active)
    values = (
        catalogue.text(active, Unit.COUNT),
        catalogue.text(len(mine) / active if active else None, Unit.RATIO),
        catalogue.text(len(found.new), Unit.COUNT),
        figure("session_merge_rate", Inputs(mine)).short,
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
    row: dict[str, object] = {label: catalogue.text(acus, Unit.ACUS)}
    if spend.acu_price is not None:
        row[f"{label} in $"] = catalogue.text(spend.money(acus), Unit.MONEY)
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
        reported = figure("acus_reported", Inputs(frame.loc[in_period])).value
    limit = view.budget.limit if view.budget.source is BudgetSource.API_LIMIT else None
    row: dict[str, object] = {}
    row |= _acus(spend, "Billed this cycle", None if cast is None else cast.spent)
    row |= _acus(spend, "Sessions report in the period", reported)
    row |= _acus(spend, "ACU limit", limit)
    row |= _acus(
        spend, "Projected this cycle", None if cast is None or cast.quiet else cast.projected
    )
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
