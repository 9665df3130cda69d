"""Data: what the app is connected to, what is cached, how the last sync went, what metrics mean."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from devin_data.analytics.definitions import DEFINITIONS
from devin_data.catalogue import BLANK
from devin_data.services.workspace import masked_store_url
from devin_data.text.describe import connection_rows, human_size, sync_rows
from ui.components.format import plain
from ui.components.widgets import empty_state
from ui.data.workspace import workspace
from ui.sections.data_failures import failures_panel
from ui.sections.teams_upload import upload_panel
from ui.state.context import page_context

_CLEARED = "data_cache_cleared"


def _pairs(rows: list[tuple[str, str]], key: str) -> None:
    """Label/value rows as a two-column table (text cells: nothing in them renders as markdown)."""
    frame = pd.DataFrame(rows, columns=["Item", "Value"])
    st.dataframe(frame, hide_index=True, key=key, width="stretch", placeholder=BLANK)


ctx = page_context()
settings, tz = ctx.settings, ctx.tz
cache = workspace(settings)

st.title("Data")
if st.session_state.pop(_CLEARED, False):
    st.success("The cache was cleared.", icon=":material/delete_sweep:")

st.subheader("Connection")
_pairs(connection_rows(settings), key="data_connection")

st.subheader("Cache")
_pairs(
    [
        ("Location", cache.location),
        ("Shared store", masked_store_url(settings)),
        ("Size on disk", human_size(cache.size_bytes())),
        ("Sessions cached", f"{cache.count():,}"),
        ("Warnings", "; ".join(cache.warnings) or "none"),
    ],
    key="data_cache",
)

st.subheader("Last sync")
state = cache.state()
report = sync_rows(state.last_sync, tz, time.time(), state.future_updates)
if report:
    _pairs(report, key="data_last_sync")
else:
    empty_state("Never synced: use Sync now in the sidebar.")

st.subheader("Sessions that failed to load")
failures_panel(cache, tz)

if settings.shared_store_url is not None:
    st.caption(
        "This connection's data lives in the shared store, read by every app that uses it: "
        "it is not cleared from here."
    )
else:
    with st.popover("Clear cache", icon=":material/delete:"):
        st.write(
            "Delete every cached session, analysis and message of this connection? "
            "The app then syncs again from scratch."
        )
        if st.button("Yes, clear the cache", type="primary", key="data_clear_confirm"):
            cache.clear()
            st.session_state[_CLEARED] = True
            st.rerun()

st.subheader("Teams")
upload_panel(cache)

st.subheader("Metric definitions")
with st.expander("What every number on these pages means", expanded=False):
    for name, definition in DEFINITIONS:
        st.markdown(f"**{plain(name)}**: {plain(definition)}")
