"""Several organizations: with an enterprise key, pick one in the sidebar (``org=`` in the URL).
Each organization is its own connection, so its data is cached under its own fingerprint and two
organizations never share a row (the comparison: :mod:`ui.sections.organizations`)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from devin_data.analytics.definitions import definition_of
from devin_data.config import Settings, valid_org_id
from devin_data.query.registry import ORG_PARAM, ignored
from devin_data.query.validate import shown
from ui.data.remote import enterprise_organizations

ORG_KEY = "f_org"
_NOTICE = "org_notice"


def chosen(base: Settings) -> Settings:
    """``base`` pointed at the organization picked in the sidebar or the link, if valid."""
    state = st.session_state
    if ORG_KEY not in state:
        state[ORG_KEY] = st.query_params.get(ORG_PARAM) or None
    choice = state.get(ORG_KEY)
    if not choice or choice == base.org_id:
        return base
    if not valid_org_id(str(choice)):  # an org id is a URL path segment: checked before any use
        state[_NOTICE] = ignored(ORG_PARAM, choice)
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
