"""Cached loaders: the store opens once per credential scope, frames build once per sync.

Frames are cached as shared resources keyed by (scope, store version): a filter change reuses them
without copying, and a sync (which bumps the version) rebuilds them. Frames are never mutated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from devin_data import frames
from devin_data.analytics.filters import filter_options
from devin_data.config import Settings
from devin_data.connect import store_for, store_scope
from devin_data.store.store import Store


@st.cache_resource(show_spinner=False, max_entries=16)
def _store(scope: str, cache_dir: str, _settings: Settings) -> Store:
    return store_for(_settings)


def store(settings: Settings) -> Store:
    """The store of this connection, shared by every browser session with the same credential."""
    return _store(store_scope(settings), str(settings.cache_dir), settings)


@st.cache_resource(show_spinner=False, max_entries=48)
def _frame(kind: str, path: str, version: str, _store: Store) -> Any:
    if kind in _FROM_ANALYSES:
        return _FROM_ANALYSES[kind](_frame("analyses", path, version, _store))
    if kind == "options":
        return filter_options(_frame("sessions", path, version, _store))
    return _FROM_STORE[kind](_store)


def _cached(kind: str, settings: Settings) -> Any:
    current = store(settings)
    return _frame(kind, str(current.path), current.version(), current)


_FROM_STORE: dict[str, Callable[[Store], Any]] = {
    "sessions": lambda s: frames.build_sessions_frame(s.session_records()),
    "analyses": lambda s: s.analyses(),
    "history": lambda s: frames.build_status_history_frame(s.status_history()),
    "messages": lambda s: frames.build_messages_frame(s.all_messages()),
}
# Built from the cached analyses, so the store's analyses are parsed once per sync.
_FROM_ANALYSES: dict[str, Callable[[dict[str, Any]], pd.DataFrame]] = {
    "issues": frames.build_issues_frame,
    "action_items": frames.build_action_items_frame,
    "languages": frames.build_languages_frame,
    "tools": frames.build_tools_frame,
    "classification": frames.build_classification_frame,
    "timeline": frames.build_timeline_frame,
}


def options(settings: Settings) -> dict[str, list[str]]:
    """The values the filters offer, computed once per sync."""
    result: dict[str, list[str]] = _cached("options", settings)
    return result


def sessions_frame(settings: Settings) -> pd.DataFrame:
    """One row per cached session."""
    result: pd.DataFrame = _cached("sessions", settings)
    return result


def analyses(settings: Settings) -> dict[str, Any]:
    result: dict[str, Any] = _cached("analyses", settings)
    return result


def _insight(kind: str) -> Callable[[Settings], pd.DataFrame]:
    def load(settings: Settings) -> pd.DataFrame:
        result: pd.DataFrame = _cached(kind, settings)
        return result

    load.__name__ = f"{kind}_frame"
    return load


issues_frame = _insight("issues")
action_items_frame = _insight("action_items")
languages_frame = _insight("languages")
tools_frame = _insight("tools")
classification_frame = _insight("classification")
timeline_frame = _insight("timeline")
status_history_frame = _insight("history")
messages_frame = _insight("messages")
