"""Several organizations: with an enterprise key, pick one in the sidebar (``org=`` in the URL)
and compare their KPIs side by side. Each organization is its own connection, so its data is
cached under its own fingerprint and two organizations never share a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.kpis import NOT_AVAILABLE
from devin_data.analytics.measures import KPI_DEFINITIONS, Measure, kpis
from devin_data.config import Settings, valid_org_id
from devin_data.query.filters import FilterSpec
from devin_data.query.validate import shown
from devin_data.services import organizations
from devin_data.services.organizations import Organization
from ui import loaders

ORG_PARAM = "org"
ORG_KEY = "f_org"
_NOTICE = "org_notice"
_COMPARED = ("sessions", "acus", "acus_per_session", "sessions_with_merged_pr", "share_large")


@st.cache_data(ttl=3600, show_spinner=False, max_entries=16)
def _organizations(scope: str, _settings: Settings) -> tuple[Organization, ...]:
    """As kept in the store when listed within a day (by a scheduled sync or another replica),
    else listed by the API and kept; the kept list when the API cannot answer."""
    return organizations.listed(loaders.workspace(_settings), datetime.now(UTC))


def enterprise_organizations(base: Settings) -> tuple[Organization, ...]:
    """The organizations an enterprise key reads; empty for any other key."""
    if not organizations.may_list(base):
        return ()
    return _organizations(base.fingerprint(), base)


def chosen(base: Settings) -> Settings:
    """``base`` pointed at the organization picked in the sidebar or the link, if valid."""
    state = st.session_state
    if ORG_KEY not in state:
        state[ORG_KEY] = st.query_params.get(ORG_PARAM) or None
    choice = state.get(ORG_KEY)
    if not choice or choice == base.org_id:
        return base
    if not valid_org_id(str(choice)):  # an org id is a URL path segment: checked before any use
        state[_NOTICE] = f"Ignored org={shown(choice)}: not an organization id (org-…)."
        state[ORG_KEY] = None
        return base
    orgs = enterprise_organizations(base)
    if choice not in {org.org_id for org in orgs}:
        why = "an enterprise key" if not orgs else "an organization of this enterprise"
        state[_NOTICE] = f"Ignored org={shown(choice)}: not {why}."
        state[ORG_KEY] = None
        return base
    return replace(base, org_id=choice)


def picker(base: Settings) -> None:
    """The organization selector, shown only when the key reads several organizations."""
    orgs = enterprise_organizations(base)
    if len(orgs) < 2:
        return
    names = {org.org_id: org.name for org in orgs}
    labels = {org_id: f"{name} ({org_id})" for org_id, name in names.items()}
    if st.session_state.get(ORG_KEY) not in names:
        st.session_state[ORG_KEY] = base.org_id if base.org_id in names else orgs[0].org_id
    st.sidebar.selectbox(
        "Organization",
        list(names),
        key=ORG_KEY,
        format_func=labels.__getitem__,  # a closure would not survive serialized session state
        help=definition_of("Organizations"),
    )


def url_params(base: Settings) -> dict[str, str]:
    """``org=`` when another organization than the configured one is shown."""
    choice = st.session_state.get(ORG_KEY)
    return {ORG_PARAM: str(choice)} if choice and choice != base.org_id else {}


def show_notice() -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.warning(notice, icon=":material/link_off:")


def frame_of(settings: Settings) -> pd.DataFrame | None:
    """An organization's sessions, synced once when nothing is cached for it yet."""
    if not organizations.ensure_synced(loaders.workspace(settings)):
        return None
    return loaders.sessions_frame(settings)


def _text(name: str, measure: Measure | None) -> str:
    if measure is None or measure.missing:
        return NOT_AVAILABLE
    return "–" if measure.value is None else format(measure.value, KPI_DEFINITIONS[name].fmt)


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
            rows.append(row | row_of(replace(settings, org_id=org.org_id)))
    config = {
        "organization": st.column_config.TextColumn("Organization"),
        "org_id": st.column_config.TextColumn("Organization id"),
    }
    table = pd.DataFrame(rows)
    st.dataframe(table, column_config=config, hide_index=True, key=key)
    return table


def comparison(settings: Settings, spec: FilterSpec, now: datetime) -> None:
    """Each organization's KPIs for the selected filters, side by side (enterprise keys only)."""
    plain = plain_spec(spec)

    def row_of(org: Settings) -> dict[str, object]:
        frame = frame_of(org)
        found = kpis(plain.apply(frame, now), org.api_version) if frame is not None else {}
        return {KPI_DEFINITIONS[name].label: _text(name, found.get(name)) for name in _COMPARED}

    compare_organizations(settings, "overview_organizations", row_of)
