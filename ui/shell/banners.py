"""The banners every page shows at its top: the warnings of the store, the spend settings that
were ignored, and each alert threshold the manager set that is crossed."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from devin_data.analytics.alerts import alerts
from devin_data.config import Settings
from ui.components.format import plain
from ui.data.frames import sessions_frame
from ui.data.remote import current_spend
from ui.data.workspace import workspace
from ui.shell.config import spend_settings


def store_warnings(settings: Settings) -> None:
    """What the store had to do to open (a cache that was unreadable and rebuilt)."""
    for warning in workspace(settings).warnings:
        st.warning(warning, icon=":material/warning:")


def spend_banner(settings: Settings) -> None:
    """A warning at the top of every page for each threshold the manager set that is crossed."""
    spend, problems = spend_settings()
    for problem in problems:
        st.warning(plain(problem), icon=":material/warning:")
    if settings.api_version == "v1":
        return
    now = datetime.now(UTC)
    view = current_spend(settings, spend, now)
    found = alerts(view.forecast, view.budget.source, sessions_frame(settings), now, spend)
    for alert in found:
        st.warning(plain(alert.text), icon=":material/notifications_active:")
