"""The Data page's list of sessions that failed to load: those that could not be fetched, the
malformed ones set aside (with what the API sent for them) and those stored with suspect values."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data.catalogue import BLANK
from devin_data.services.workspace import Workspace
from devin_data.text.describe import FAILURE_COLUMNS, failure_rows
from ui.components.widgets import empty_state


def failures_panel(ws: Workspace, tz: str) -> None:
    """Every entry as a row; for a malformed item, the start of its JSON on request."""
    failures = ws.failures()
    if not failures:
        empty_state("No session failed to load.")
        return
    frame = pd.DataFrame(failure_rows(failures, tz), columns=list(FAILURE_COLUMNS))
    st.dataframe(frame, hide_index=True, key="data_failures", placeholder=BLANK)
    set_aside = ws.malformed()  # named by session id, or by where it was without one
    if not set_aside:
        return
    with st.expander("What the API sent for a malformed session", icon=":material/data_object:"):
        chosen = st.selectbox("Malformed session", list(set_aside), key="data_quarantined")
        raw = ws.quarantined_json(set_aside[chosen]) if chosen else None
        st.code(raw or "(no longer kept)", language="json")
