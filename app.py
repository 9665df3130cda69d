"""Devin session analytics: the entry point (page config, navigation, shared sidebar)."""

from __future__ import annotations

import streamlit as st

from ui.connection import current_settings
from ui.sync_panel import ensure_synced, sidebar_sync

st.set_page_config(
    page_title="Devin session analytics",
    page_icon=":material/insights:",
    layout="wide",
)

settings = current_settings()
st.session_state["settings"] = settings

with st.sidebar:
    st.markdown("### Devin session analytics")
    if settings.demo:
        st.info(
            "Demo organization: synthetic data from the built-in emulator.",
            icon=":material/science:",
        )
    else:
        st.caption(settings.describe())
ensure_synced(settings)
sidebar_sync(settings)

navigation = st.navigation(
    {
        "Analytics": [
            st.Page(
                "pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
            ),
        ],
    }
)
navigation.run()
