"""Devin session analytics: the entry point (page config, navigation, shared sidebar)."""

from __future__ import annotations

import streamlit as st

from ui import organizations
from ui.chips import drill_chips
from ui.compare_view import PARAMS as COMPARE_PARAMS
from ui.connection import base_settings, connection_panel, current_settings
from ui.filters import show_notices, sidebar_filters
from ui.guard import page_guard
from ui.loaders import workspace
from ui.people import ensure_people
from ui.spend import spend_banner
from ui.store_guard import show_store_problem
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
# Page parameters that stay in the URL beside the filters.
KEEP = {"session": ("session",), "people": COMPARE_PARAMS, "": COMPARE_PARAMS}
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
    if show_store_problem(settings):  # a shared store that cannot answer: say so on every page
        st.stop()
    for warning in workspace(settings).warnings:
        st.warning(warning, icon=":material/warning:")
    connected = ensure_synced(settings)
    if connected:
        ensure_people(settings)
    sidebar_sync(settings)
    connection_panel()
    # Everything a URL can influence runs inside the guard: a bad link never ends in a traceback.
    with page_guard():
        sidebar_filters(settings, keep=KEEP.get(navigation.url_path, ()))
        st.query_params.update(organizations.url_params(base_settings()))
        show_notices()
        organizations.show_notice()
        spend_banner(settings)
        if navigation.url_path != "data":
            drill_chips()
        if connected or navigation.url_path == "data":  # the Data page still shows the connection
            navigation.run()
