"""Cached frames: built once per sync, shared by every browser session of a credential.

Frames are cached as shared resources keyed by (store path, store version): a filter change reuses
them without copying, and a sync (which bumps the version) rebuilds them. Frames are never mutated.
Each loader is a plain function over its own cached builder; derived frames that depend only on
the cache (replies to Devin, session ranks) are built once per data version too.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from devin_data import frames
from devin_data.analytics.drilldown import DRILLS
from devin_data.analytics.families import family_totals
from devin_data.analytics.learning import session_ranks
from devin_data.analytics.person_table import replies
from devin_data.config import Settings
from devin_data.frames.roster import Roster, with_people
from devin_data.query.filters import filter_options
from devin_data.services import roster as people_roster
from devin_data.services.roster import Stamp
from devin_data.services.workspace import Workspace
from ui.data.workspace import workspace
from ui.shell.config import teams_file


def _version(settings: Settings) -> tuple[str, str, Workspace]:
    """The cache key of everything built from the workspace: where it lives and its version."""
    current = workspace(settings)
    return current.key, current.data_version(), current


@st.cache_resource(show_spinner=False, max_entries=8)
def _sessions(path: str, version: str, _ws: Workspace) -> pd.DataFrame:
    return frames.frame_from_table(_ws.snapshot())


@st.cache_resource(show_spinner=False, max_entries=8)
def _roster(path: str, key: str, stamp: Stamp, _ws: Workspace) -> Roster:
    return people_roster.roster(_ws, teams_file())


@st.cache_resource(show_spinner=False, max_entries=8)
def _named(path: str, version: str, key: str, stamp: Stamp, _s: Workspace) -> pd.DataFrame:
    # Names and teams join the frame by one lookup of the creator's id, not record by record.
    return with_people(_sessions(path, version, _s), _roster(path, key, stamp, _s))


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(
    path: str, version: str, key: str, stamp: Stamp, _s: Workspace
) -> dict[str, list[str]]:
    return filter_options(_named(path, version, key, stamp, _s))


def _people_version(settings: Settings) -> tuple[str, str, str, Stamp, Workspace]:
    """The sessions' cache key plus the people's: members, metrics and the team mapping."""
    path, version, current = _version(settings)
    stamp = people_roster.file_stamp(teams_file())
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


@st.cache_resource(show_spinner=False, max_entries=8)
def _replies(path: str, version: str, _messages: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return replies(_messages), _messages["session_id"].drop_duplicates()


@st.cache_resource(show_spinner=False, max_entries=8)
def _ranks(path: str, version: str, _frame: pd.DataFrame) -> pd.Series:
    return session_ranks(_frame)


def replies_frame(settings: Settings) -> tuple[pd.DataFrame, pd.Series]:
    """Every user message that answers Devin, with the time it took, and the ids of the
    sessions whose messages are cached."""
    path, version, _ = _version(settings)
    return _replies(path, version, messages_frame(settings))


def ranks(settings: Settings) -> pd.Series:
    """Each cached session's rank among its creator's sessions."""
    path, version, _ = _version(settings)
    return _ranks(path, version, sessions_frame(settings))


_DRILL_LOADERS = {
    "issues": issues_frame,
    "action_items": action_items_frame,
    "languages": languages_frame,
    "tools": tools_frame,
}


def drill_frames(settings: Settings) -> dict[str, pd.DataFrame]:
    """The insights frames that drill-downs are matched against."""
    return {drill.frame: _DRILL_LOADERS[drill.frame](settings) for drill in DRILLS}
