"""Cached loaders: the workspace opens once per credential scope, frames build once per sync.

Frames are cached as shared resources keyed by (store path, store version): a filter change reuses
them without copying, and a sync (which bumps the version) rebuilds them. Frames are never mutated.
Each loader is a plain function over its own cached builder.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from devin_data import frames
from devin_data.analytics.families import family_totals
from devin_data.config import Settings
from devin_data.frames.roster import Roster, with_people
from devin_data.query.filters import filter_options
from devin_data.services import people
from devin_data.services.workspace import Workspace, scope_of
from ui.config import teams_file
from ui.shared_store import shared_engine, url_digest


@st.cache_resource(show_spinner=False, max_entries=16)
def _opened(
    scope: str, cache_dir: str, store_id: str, _settings: Settings, _now: datetime
) -> Workspace:
    url = _settings.shared_store_url
    engine = None if url is None else shared_engine(url.get())
    return Workspace.open(_settings, now=_now, engine=engine)


def workspace(settings: Settings) -> Workspace:
    """This connection's workspace, its store shared by every browser session with the same
    credential: the embedded one, or the shared one when ``DEVIN_STORE_URL`` is set (keyed by a
    digest of the URL, which is itself never a cache key); bound to this run's ``settings``.

    The scope is computed once, so the demo's day is read from the clock once per call.
    """
    now = datetime.now(UTC)
    url = settings.shared_store_url.get() if settings.shared_store_url else None
    key = (scope_of(settings, now), str(settings.cache_dir), url_digest(url))
    return _opened(*key, settings, now).bound(settings)


def _version(settings: Settings) -> tuple[str, str, Workspace]:
    """The cache key of everything built from the workspace: where it lives and its version."""
    current = workspace(settings)
    return current.key, current.data_version(), current


@st.cache_resource(show_spinner=False, max_entries=8)
def _sessions(path: str, version: str, _ws: Workspace) -> pd.DataFrame:
    return frames.frame_from_table(_ws.snapshot())


@st.cache_resource(show_spinner=False, max_entries=8)
def _roster(path: str, key: str, stamp: people.Stamp, _ws: Workspace) -> Roster:
    return people.roster(_ws, teams_file())


@st.cache_resource(show_spinner=False, max_entries=8)
def _named(path: str, version: str, key: str, stamp: people.Stamp, _s: Workspace) -> pd.DataFrame:
    # Names and teams join the frame by one lookup of the creator's id, not record by record.
    return with_people(_sessions(path, version, _s), _roster(path, key, stamp, _s))


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(
    path: str, version: str, key: str, stamp: people.Stamp, _s: Workspace
) -> dict[str, list[str]]:
    return filter_options(_named(path, version, key, stamp, _s))


def _people_version(settings: Settings) -> tuple[str, str, str, people.Stamp, Workspace]:
    """The sessions' cache key plus the people's: members, metrics and the team mapping."""
    path, version, current = _version(settings)
    stamp = people.file_stamp(teams_file())
    return path, version, current.people_version(), stamp, current


def roster(settings: Settings) -> Roster:
    """Names, emails and teams by user id, and what could not be known and why."""
    path, _, key, stamp, current = _people_version(settings)
    return _roster(path, key, stamp, current)


@st.cache_resource(show_spinner=False, max_entries=8)
def _insights(path: str, version: str, _ws: Workspace) -> dict[str, pd.DataFrame]:
    # Read chunk by chunk: the analyses are never all parsed at once, only their frames stay.
    return frames.build_insight_frames(dict(chunk) for chunk in _ws.analysis_chunks())


@st.cache_resource(show_spinner=False, max_entries=8)
def _status_history(path: str, version: str, _ws: Workspace) -> pd.DataFrame:
    return frames.build_status_history_frame(_ws.status_history())


@st.cache_resource(show_spinner=False, max_entries=8)
def _messages(path: str, version: str, _ws: Workspace) -> pd.DataFrame:
    return frames.build_messages_frame(_ws.all_messages())


@st.cache_resource(show_spinner=False, max_entries=8)
def _families(path: str, version: str, _ws: Workspace) -> pd.DataFrame:
    return family_totals(_sessions(path, version, _ws))


def families_frame(settings: Settings) -> pd.DataFrame:
    """Each cached session's figures with those of its cached child sessions."""
    return _families(*_version(settings))


def options(settings: Settings) -> dict[str, list[str]]:
    """The values the filters offer, computed once per sync."""
    return _options(*_people_version(settings))


def sessions_frame(settings: Settings) -> pd.DataFrame:
    """One row per cached session, with the creator's name and team where known."""
    return _named(*_people_version(settings))


def status_history_frame(settings: Settings) -> pd.DataFrame:
    """The statuses observed at each sync, one row per observation."""
    return _status_history(*_version(settings))


def messages_frame(settings: Settings) -> pd.DataFrame:
    """Every cached message, one row each."""
    return _messages(*_version(settings))


def issues_frame(settings: Settings) -> pd.DataFrame:
    """The issues of the cached analyses, one row per issue."""
    return _insights(*_version(settings))["issues"]


def action_items_frame(settings: Settings) -> pd.DataFrame:
    """The action items of the cached analyses, one row per item."""
    return _insights(*_version(settings))["action_items"]


def languages_frame(settings: Settings) -> pd.DataFrame:
    """The programming languages of the cached analyses, one row per session and language."""
    return _insights(*_version(settings))["languages"]


def tools_frame(settings: Settings) -> pd.DataFrame:
    """The tools and frameworks of the cached analyses, one row per session and tool."""
    return _insights(*_version(settings))["tools"]


def classification_frame(settings: Settings) -> pd.DataFrame:
    """The classification of each analysed session."""
    return _insights(*_version(settings))["classification"]


def timeline_frame(settings: Settings) -> pd.DataFrame:
    """The analysis timelines, one row per event."""
    return _insights(*_version(settings))["timeline"]
