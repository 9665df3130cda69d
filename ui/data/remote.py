"""Cached calls that reach the API, through the services: billed ACUs refreshed once per sync,
the enterprise's organizations once an hour, an organization's frame synced once, the API's PR
metrics of a window, and one session's details. Each is keyed so that a rerun asks nothing new.

Billed consumption, cycles and limits are refreshed once per sync of the sessions (and at most
every ten minutes), incrementally; a refresh that fails leaves what is cached."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from devin_data.analytics.spend import SpendView
from devin_data.config import Settings, SpendSettings
from devin_data.services import budget, organizations, scope_of, sessions
from devin_data.services import spend as spending
from devin_data.services.organizations import Organization
from devin_data.services.workspace import Workspace
from ui.data.frames import sessions_frame
from ui.data.workspace import workspace


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh(path: str, finished: str, _ws: Workspace) -> list[str]:
    """Bring the cached consumption, cycles and limits up to date; the problems met."""
    return spending.refreshed(_ws, datetime.now(UTC))


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _refresh_users(path: str, finished: str, _ws: Workspace, users: tuple[str, ...]) -> int:
    """Bring each user's cached billed days up to date; how many could not be read."""
    return spending.refresh_people(_ws, users, datetime.now(UTC))


def _last_sync(ws: Workspace) -> tuple[str, str]:
    """The cache key of a refresh: the store, and when its last sync finished (a session opened
    on its own does not count: spend is refreshed once per sync)."""
    return ws.key, str(spending.last_sync_finished(ws))


def refresh(settings: Settings) -> list[str]:
    """Refresh billed ACUs once per sync, unless another process (a scheduled sync, another
    replica of a shared store) already did."""
    ws = workspace(settings)
    if not spending.due(ws):
        return []
    return _refresh(*_last_sync(ws), ws)


def refresh_people(settings: Settings, users: tuple[str, ...]) -> int:
    ws = workspace(settings)
    return _refresh_users(*_last_sync(ws), ws, users)


def current_spend(settings: Settings, spend: SpendSettings, now: datetime) -> SpendView:
    """The spend of this connection as cached after a refresh."""
    refresh(settings)
    return budget.view(workspace(settings), spend, now)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=16)
def _organizations(scope: str, _settings: Settings) -> tuple[Organization, ...]:
    """As kept in the store when listed within a day (by a scheduled sync or another replica),
    else listed by the API and kept; the kept list when the API cannot answer."""
    return organizations.listed(workspace(_settings), datetime.now(UTC))


def enterprise_organizations(base: Settings) -> tuple[Organization, ...]:
    """The organizations an enterprise key reads; empty for any other key."""
    if not organizations.may_list(base):
        return ()
    return _organizations(base.fingerprint(), base)


def frame_of(settings: Settings) -> pd.DataFrame | None:
    """An organization's sessions, synced once when nothing is cached for it yet."""
    if not organizations.ensure_synced(workspace(settings)):
        return None
    return sessions_frame(settings)


@st.cache_data(ttl=600, show_spinner=False, max_entries=32)
def _api_pr_metrics(scope: str, start: float, end: float, _settings: Settings) -> dict[str, int]:
    return organizations.pr_counts(workspace(_settings), _utc(start), _utc(end))


def _utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def api_pr_metrics(settings: Settings, start: float, end: float) -> dict[str, int]:
    """The API's pull-request counts of the sessions created in ``[start, end)`` (epoch s)."""
    return _api_pr_metrics(scope_of(settings), start, end, settings)


@st.cache_data(show_spinner="Loading the session from the API…", max_entries=256, ttl=3600)
def _fetched(
    scope: str, session_id: str, updated_at: float | None, _settings: Settings
) -> dict[str, Any]:
    return sessions.open_session(workspace(_settings), session_id, now=datetime.now(UTC))


def session_details(
    settings: Settings, session_id: str, updated_at: float | None
) -> dict[str, Any]:
    """One session from the API, once per (scope, session id, updated_at)."""
    return _fetched(scope_of(settings), session_id, updated_at, settings)
