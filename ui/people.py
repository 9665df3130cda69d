"""Names, teams and active users beside the sessions: fetched once a day or on demand, and the
notice a page shows when the key cannot read them."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from devin_data.config import Settings
from devin_data.connect import client_for
from devin_data.errors import DevinError
from devin_data.frames.availability import V1_REASON
from devin_data.frames.roster import Roster
from devin_data.sync.people import people_due, refresh_people
from ui.loaders import roster, store

_PROBLEM = "people_refresh_problem"


def ensure_people(settings: Settings, *, force: bool = False) -> None:
    """Fetch members, IdP groups and active users when a day old (or ``force``); a failure is
    kept for the notice and never stops the page."""
    now = datetime.now(UTC)
    if settings.api_version != "v3" or not (force or people_due(store(settings), now)):
        return
    try:
        with (
            st.spinner("Fetching names, teams and active users…"),
            client_for(settings) as client,
        ):
            done = refresh_people(client, store(settings), now=now, force=force)
    except DevinError as err:
        st.session_state[_PROBLEM] = str(err)
        return
    st.session_state[_PROBLEM] = "; ".join(done.problems) or None


def names_notice(settings: Settings, people: Roster | None = None) -> str | None:
    """Why people are shown by id, naming the permission that would give names; None if named."""
    if settings.api_version != "v3":
        return f"People are shown by id: names and emails are {V1_REASON}."
    people = people or roster(settings)
    if people.names_missing:
        return (
            f"People are shown by id: this key lacks the {people.names_missing} permission, "
            "which the members list (names and emails) needs."
        )
    if people.names_error:
        return f"People are shown by id: the members list could not be read ({people.names_error})"
    return None


def show_names_notice(settings: Settings) -> None:
    notice = names_notice(settings)
    if notice:
        st.info(notice, icon=":material/badge:")
