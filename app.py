"""Devin session analytics: the entry point (page config, navigation, shared sidebar)."""

from __future__ import annotations

import streamlit as st

from ui.chips import drill_chips
from ui.connection import connection_panel, current_settings
from ui.filters import show_notices, sidebar_filters
from ui.guard import page_guard
from ui.loaders import store
from ui.spend import spend_banner
from ui.sync_panel import ensure_synced, sidebar_sync
from ui.timing import timed_run

st.set_page_config(
    page_title="Devin session analytics",
    page_icon=":material/insights:",
    layout="wide",
)

PAGES = {
    "Analytics": [
        st.Page(
            "app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
        st.Page("app_pages/sessions.py", title="Sessions", icon=":material/table_rows:"),
        st.Page(
            "app_pages/session_detail.py",
            title="Session detail",
            icon=":material/forum:",
            url_path="session",
        ),
        st.Page("app_pages/timelines.py", title="Timelines", icon=":material/timeline:"),
        st.Page("app_pages/insights.py", title="Insights", icon=":material/lightbulb:"),
        st.Page("app_pages/people.py", title="People", icon=":material/group:"),
        st.Page("app_pages/spend.py", title="Spend", icon=":material/payments:"),
    ],
    "Settings": [
        st.Page("app_pages/data.py", title="Data", icon=":material/database:"),
    ],
}
# With DEVIN_TIMING_LOG set, every run is logged: the shared sidebar is part of each page's work.
with timed_run() as run:
    navigation = st.navigation(PAGES)
    run.page = navigation.title

    settings = current_settings()
    with st.sidebar:
        st.markdown("### Devin session analytics")
        if settings.demo:
            st.info(
                "Demo organization: synthetic data from the built-in emulator.",
                icon=":material/science:",
            )
    for warning in store(settings).warnings:
        st.warning(warning, icon=":material/warning:")
    connected = ensure_synced(settings)
    sidebar_sync(settings)
    connection_panel()
    # Everything a URL can influence runs inside the guard: a bad link never ends in a traceback.
    with page_guard():
        sidebar_filters(settings, keep=("session",) if navigation.url_path == "session" else ())
        show_notices()
        spend_banner(settings)
        if navigation.url_path != "data":
            drill_chips()
        if connected or navigation.url_path == "data":  # the Data page still shows the connection
            navigation.run()
