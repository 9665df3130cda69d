"""The app's chrome around every page: the header, the store's state, the sync, the connection
form, the filters, the notices and banners; the page itself runs inside the page guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from devin_data.config import Settings
from devin_data.query.registry import kept_on
from ui.components.chips import drill_chips
from ui.shell import organizations
from ui.shell.banners import spend_banner, store_warnings
from ui.shell.connection import base_settings, connection_panel, current_settings
from ui.shell.guard import page_guard
from ui.shell.store_guard import show_store_problem
from ui.shell.sync_panel import ensure_people, ensure_synced, sidebar_sync
from ui.state.filters import sidebar_filters
from ui.state.url import show_notices

DATA_PAGE = "data"  # still shows the connection when nothing could be synced


def _header(settings: Settings) -> None:
    with st.sidebar:
        st.markdown("### Devin session analytics")
        if settings.demo:
            st.info(
                "Demo organization: synthetic data from the built-in emulator.",
                icon=":material/science:",
            )


@contextmanager
def shared_sidebar(page: str) -> Iterator[bool]:
    """Draw what every page shares for the page at url path ``page``; the block runs the page
    inside the guard, and is told whether the page has anything to show."""
    settings = current_settings()
    _header(settings)
    if show_store_problem(settings):  # a shared store that cannot answer: say so on every page
        st.stop()
    store_warnings(settings)
    connected = ensure_synced(settings)
    if connected:
        ensure_people(settings)
    sidebar_sync(settings)
    connection_panel()
    # Everything a URL can influence runs inside the guard: a bad link never ends in a traceback.
    with page_guard():
        sidebar_filters(settings, keep=kept_on(page))
        st.query_params.update(organizations.url_params(base_settings()))
        show_notices()
        organizations.show_notice()
        spend_banner(settings)
        if page != DATA_PAGE:
            drill_chips()
        yield connected or page == DATA_PAGE
