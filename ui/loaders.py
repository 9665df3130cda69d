"""Cached loaders: the store is opened once per scope and frames are built once per sync."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data.config import Settings
from devin_data.connect import store_for, store_scope
from devin_data.frames import build_sessions_frame
from devin_data.store import Store


@st.cache_resource(show_spinner=False, max_entries=16)
def _store(scope: str, _settings: Settings) -> Store:
    return store_for(_settings)


def store(settings: Settings) -> Store:
    """The store of this connection, shared by every browser session with the same credential."""
    return _store(store_scope(settings), settings)


@st.cache_resource(show_spinner=False, max_entries=8)
def _sessions_frame(scope: str, version: str, _store: Store) -> pd.DataFrame:
    return build_sessions_frame(_store.session_records())


def sessions_frame(settings: Settings) -> pd.DataFrame:
    """One row per cached session; rebuilt only when a sync wrote something new."""
    current = store(settings)
    return _sessions_frame(store_scope(settings), current.version(), current)
