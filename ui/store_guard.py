"""The message every page shows, in place of its content, when the shared store cannot serve it."""

from __future__ import annotations

import streamlit as st

from devin_data.config import Settings
from devin_data.store.shared.store import StoreUnavailable
from ui.loaders import store


def store_problem(settings: Settings) -> str | None:
    """Why the shared store cannot serve this run (None when it can, or when none is set)."""
    if settings.shared_store_url is None:
        return None
    try:
        store(settings).meta()
    except StoreUnavailable as err:
        return f"{err} {err.hint}".strip()
    return None


def show_store_problem(settings: Settings) -> bool:
    """Show the error in place of the page; True when the page must not run."""
    problem = store_problem(settings)
    if problem is None:
        return False
    st.error(
        f"**The shared store cannot be reached, so no data can be shown.** {problem}",
        icon=":material/cloud_off:",
    )
    return True
