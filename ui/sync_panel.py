"""Keep the cache fresh: sync on first open, and a Sync button with a progress bar."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import streamlit as st

from devin_data.config import Settings
from devin_data.connect import client_for
from devin_data.errors import DevinError
from devin_data.sync import SyncOptions, SyncProgress, SyncReport, sync
from ui.loaders import store

_DEMO_HISTORY = timedelta(days=200)


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

    try:
        with client_for(settings) as client:
            return sync(client, store(settings), _options(settings), progress=report)
    except DevinError as err:
        st.error(f"{err} {err.hint}".strip())
        return None
    finally:
        bar.empty()


def ensure_synced(settings: Settings) -> None:
    """An empty cache is filled before the first page renders."""
    if not store(settings).meta().get("last_sync"):
        _run_sync(settings)


def freshness(settings: Settings) -> str:
    last = store(settings).meta().get("last_sync") or {}
    finished = last.get("finished_at")
    if not finished:
        return "never synced"
    minutes = max(0, int((time.time() - float(finished)) // 60))
    if minutes < 1:
        return "synced just now"
    if minutes < 120:
        return f"synced {minutes} min ago"
    return f"synced {datetime.fromtimestamp(float(finished), tz=UTC):%Y-%m-%d %H:%M} UTC"


def sidebar_sync(settings: Settings) -> None:
    st.sidebar.caption(freshness(settings))
    clicked = st.sidebar.button("Sync now", icon=":material/sync:", width="stretch")
    if clicked and _run_sync(settings) is not None:
        st.rerun()
