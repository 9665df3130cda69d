"""Cached loaders: the store opens once per credential scope, frames build once per sync.

Frames are cached as shared resources keyed by (store path, store version): a filter change reuses
them without copying, and a sync (which bumps the version) rebuilds them. Frames are never mutated.
Each loader is a plain function over its own cached builder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from devin_data import frames
from devin_data.analytics.filters import filter_options
from devin_data.config import Settings
from devin_data.connect import store_scope
from devin_data.store import Store


@st.cache_resource(show_spinner=False, max_entries=16)
def _store(scope: str, cache_dir: str) -> Store:
    return Store.open(Path(cache_dir), scope)


def store(settings: Settings) -> Store:
    """The store of this connection, shared by every browser session with the same credential.

    The scope is computed once, so the demo's day is read from the clock once per call.
    """
    return _store(store_scope(settings), str(settings.cache_dir))


def _version(settings: Settings) -> tuple[str, str, Store]:
    """The cache key of everything built from the store: its path and its version."""
    current = store(settings)
    return str(current.path), current.version(), current


@st.cache_resource(show_spinner=False, max_entries=8)
def _sessions(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.frame_from_table(_store.snapshot())


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(path: str, version: str, _store: Store) -> dict[str, list[str]]:
    return filter_options(_sessions(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _analyses(path: str, version: str, _store: Store) -> dict[str, Any]:
    # Parsed once per sync; the insight frames below are built from it.
    return _store.analyses()


@st.cache_resource(show_spinner=False, max_entries=8)
def _status_history(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_status_history_frame(_store.status_history())


@st.cache_resource(show_spinner=False, max_entries=8)
def _messages(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_messages_frame(_store.all_messages())


@st.cache_resource(show_spinner=False, max_entries=8)
def _issues(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_issues_frame(_analyses(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _action_items(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_action_items_frame(_analyses(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _languages(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_languages_frame(_analyses(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _tools(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_tools_frame(_analyses(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _classification(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_classification_frame(_analyses(path, version, _store))


@st.cache_resource(show_spinner=False, max_entries=8)
def _timeline(path: str, version: str, _store: Store) -> pd.DataFrame:
    return frames.build_timeline_frame(_analyses(path, version, _store))


def options(settings: Settings) -> dict[str, list[str]]:
    """The values the filters offer, computed once per sync."""
    return _options(*_version(settings))


def sessions_frame(settings: Settings) -> pd.DataFrame:
    """One row per cached session."""
    return _sessions(*_version(settings))


def analyses(settings: Settings) -> dict[str, Any]:
    """The cached insights analyses by session id."""
    return _analyses(*_version(settings))


def status_history_frame(settings: Settings) -> pd.DataFrame:
    """The statuses observed at each sync, one row per observation."""
    return _status_history(*_version(settings))


def messages_frame(settings: Settings) -> pd.DataFrame:
    """Every cached message, one row each."""
    return _messages(*_version(settings))


def issues_frame(settings: Settings) -> pd.DataFrame:
    """The issues of the cached analyses, one row per issue."""
    return _issues(*_version(settings))


def action_items_frame(settings: Settings) -> pd.DataFrame:
    """The action items of the cached analyses, one row per item."""
    return _action_items(*_version(settings))


def languages_frame(settings: Settings) -> pd.DataFrame:
    """The programming languages of the cached analyses, one row per session and language."""
    return _languages(*_version(settings))


def tools_frame(settings: Settings) -> pd.DataFrame:
    """The tools and frameworks of the cached analyses, one row per session and tool."""
    return _tools(*_version(settings))


def classification_frame(settings: Settings) -> pd.DataFrame:
    """The classification of each analysed session."""
    return _classification(*_version(settings))


def timeline_frame(settings: Settings) -> pd.DataFrame:
    """The analysis timelines, one row per event."""
    return _timeline(*_version(settings))
