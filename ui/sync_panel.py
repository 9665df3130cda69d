"""Keep the cache fresh: sync on first open, and a Sync button with a progress bar.

A failed sync shows one error where it happened and the pages keep working from the cache; it is
not retried on every rerun of this browser session, only when the Sync button is pressed.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import streamlit as st

from devin_data.analytics.describe import relative_age
from devin_data.config import Settings
from devin_data.connect import client_for, store_scope
from devin_data.errors import DevinError
from devin_data.sync import SyncOptions, SyncProgress, SyncReport, sync
from ui.loaders import store

_DEMO_HISTORY = timedelta(days=200)
_FAILED = "sync_failed"


def _options(settings: Settings) -> SyncOptions:
    """The demo shows its whole history; a real organization starts with the default window."""
    if settings.demo:
        return SyncOptions(since=datetime.now(UTC) - _DEMO_HISTORY)
    return SyncOptions()


def _run_sync(settings: Settings) -> SyncReport | None:
    bar = st.progress(0.0, text="Syncing sessions…")

    def report(progress: SyncProgress) -> None:
        share = min(1.0, progress.done / progress.total) if progress.total else 0.0
        bar.progress(share, text=f"{progress.phase}: {progress.message}")

    failures: dict[str, str] = st.session_state.setdefault(_FAILED, {})
    try:
        with client_for(settings) as client:
            result = sync(client, store(settings), _options(settings), progress=report)
    except DevinError as err:
        failures[store_scope(settings)] = f"Sync failed: {err} {err.hint}".strip()
        return None
    finally:
        bar.empty()
    failures.pop(store_scope(settings), None)
    return result


def ensure_synced(settings: Settings) -> None:
    """An empty cache is filled before the first page renders; a failure is shown, not retried."""
    failures: dict[str, str] = st.session_state.get(_FAILED, {})
    scope = store_scope(settings)
    if scope not in failures and not store(settings).meta().get("last_sync"):
        _run_sync(settings)
    message = st.session_state.get(_FAILED, {}).get(scope)
    if message:
        st.error(message, icon=":material/error:")


def freshness(settings: Settings) -> str:
    """ "Synced 3 min ago", in the same words as the Data page."""
    finished = (store(settings).meta().get("last_sync") or {}).get("finished_at")
    if not finished:
        return "Never synced"
    return f"Synced {relative_age(float(finished), time.time())}"


def sidebar_sync(settings: Settings) -> None:
    st.sidebar.caption(freshness(settings))
    clicked = st.sidebar.button("Sync now", icon=":material/sync:", width="stretch")
    if clicked:
        _run_sync(settings)
        st.rerun()
