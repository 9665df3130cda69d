"""The message every page shows, in place of its content, when the store cannot serve it: a shared
store that cannot be reached, a store URL that cannot be read, or a cache folder that cannot be
written (a file in its place, a read-only or full disk)."""

from __future__ import annotations

import streamlit as st

from devin_data.config import Settings
from devin_data.errors import CacheFolderError, DevinError, StoreUnavailable, StoreUrlError
from devin_data.services import explain
from ui.data.workspace import workspace

_TITLES: tuple[tuple[type[DevinError], str], ...] = (
    (StoreUnavailable, "The shared store cannot be reached, so no data can be shown."),
    (StoreUrlError, "The shared store's URL cannot be used, so no data can be shown."),
    (CacheFolderError, "The cache folder cannot be used, so no data can be shown."),
)


def store_problem(settings: Settings) -> str | None:
    """Why the store cannot serve this run, in words with what to do (None when it can)."""
    try:
        workspace(settings).check()
    except DevinError as err:
        title = next((text for kind, text in _TITLES if isinstance(err, kind)), "")
        if not title:
            raise
        return f"**{title}** {explain(err, settings)}"
    return None


def show_store_problem(settings: Settings) -> bool:
    """Show the error in place of the page; True when the page must not run."""
    problem = store_problem(settings)
    if problem is None:
        return False
    st.error(problem, icon=":material/cloud_off:")
    return True
