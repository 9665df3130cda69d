"""Sync and its schedule of extras: the sync the app runs (on first open and on Sync now) and the
one ``devin-data sync`` runs, then what each finds due beside the sessions.

One writer per organization: a process that finds another one syncing follows its progress (the
app) or says so (the command line). The extras (names, teams and active users; the enterprise's
organizations; billed ACUs, cycles and limits) follow the one schedule of
:mod:`devin_data.sync.schedule`, which the app's pages ask as well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from devin_data.config import Settings
from devin_data.errors import DevinError
from devin_data.services import people, spend
from devin_data.services.workspace import Workspace
from devin_data.sync import SyncOptions, SyncProgress, SyncReport
from devin_data.sync.exclusive import follow, running_progress, sync_exclusive
from devin_data.sync.organizations import refresh_organizations
from devin_data.sync.schedule import organizations_due

__all__ = [
    "SyncOptions",
    "SyncProgress",
    "SyncReport",
    "follow_other",
    "never_synced",
    "options_for",
    "refresh_extras",
    "running",
    "sync_now",
]
DEMO_HISTORY = timedelta(days=200)
Show = Callable[[SyncProgress], None]


def options_for(settings: Settings, now: datetime) -> SyncOptions:
    """The demo shows its whole history; a real organization starts with the default window."""
    if settings.demo:
        return SyncOptions(since=now - DEMO_HISTORY)
    return SyncOptions()


def sync_now(
    ws: Workspace,
    options: SyncOptions,
    *,
    progress: Show | None = None,
    now: datetime | None = None,
    **overrides: Any,
) -> SyncReport | None:
    """Sync as this organization's one writer; None, at once, when another process syncs it.
    A failure raises once everything fetched so far is kept."""
    with ws.client(**overrides) as client:
        return sync_exclusive(client, ws.store, options, progress=progress, now=now)


def follow_other(ws: Workspace, show: Show) -> None:
    """Show the progress of the sync another process runs, until it ends."""
    follow(ws.store, lambda p: show(replace(p, phase=f"Another app: {p.phase}")))


def running(ws: Workspace) -> SyncProgress | None:
    """The progress of a sync another process runs now, or None when none runs."""
    return running_progress(ws.store)


def never_synced(ws: Workspace) -> bool:
    return ws.state().last_sync is None


def refresh_extras(ws: Workspace, now: datetime) -> list[str]:
    """After a sync: people and organizations when a day old, billed ACUs once per sync; the
    problems met, none of them fatal."""
    if ws.settings.api_version != "v3":
        return []
    finished = spend.last_sync_finished(ws)
    if finished is not None:  # stamped after the sync, so no replica refreshes again
        now = max(now, datetime.fromtimestamp(finished, UTC))
    problems: list[str] = []
    try:
        problems += people.refresh(ws, now).problems
    except DevinError as err:
        problems.append(f"names, teams and active users: {err}")
    try:
        if organizations_due(ws.store, now):
            with ws.client() as client:
                refresh_organizations(client, ws.store, now)
    except DevinError as err:
        problems.append(f"organizations: {err}")
    try:
        if spend.due(ws):
            problems += spend.refresh(ws, now)
    except DevinError as err:
        problems.append(f"billed ACUs: {err}")
    return problems
