"""Names, teams and active users beside the sessions: fetched once a day or on demand, and the
notice a page shows when the key cannot read them."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.services import people
from ui.loaders import roster, workspace

_PROBLEM = "people_refresh_problem"


def ensure_people(settings: Settings, *, force: bool = False) -> None:
    """Fetch members, IdP groups and active users when a day old (or ``force``); a failure is
    kept for the notice and never stops the page."""
    now = datetime.now(UTC)
    ws = workspace(settings)
    if settings.api_version != "v3" or not (force or people.due(ws, now)):
        return
    try:
        with st.spinner("Fetching names, teams and active users…"):
            done = people.refresh(ws, now, force=force)
    except DevinError as err:
        st.session_state[_PROBLEM] = str(err)
        return
    st.session_state[_PROBLEM] = "; ".join(done.problems) or None


def show_names_notice(settings: Settings) -> None:
    notice = people.names_notice(settings, roster(settings))
    if notice:
        st.info(notice, icon=":material/badge:")
