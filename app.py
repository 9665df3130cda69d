"""Devin session analytics: the entry point (page config, navigation, shared sidebar)."""

from __future__ import annotations

import streamlit as st

from ui.shell.sidebar import shared_sidebar
from ui.shell.timing import timed_run

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
    with shared_sidebar(navigation.url_path) as page_can_show:
        if page_can_show:
            navigation.run()
