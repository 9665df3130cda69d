"""Sync and its schedule of extras: the sync the app runs (on first open and on Sync now) and the
one ``devin-data sync`` runs, then what each finds due beside the sessions.

One writer per organization: a process that finds another one syncing follows its progress (the
app) or says so (the command line). The extras (names, teams and active users; the enterprise's
organizations; billed ACUs, cycles and limits) follow the one schedule of
:mod:`devin_data.sync.schedule`, which the app's pages ask as well; they start only once the
sessions are committed, and run at once (:mod:`devin_data.sync.extras`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.services import people, spend
from devin_data.services.workspace import Workspace
from devin_data.store.store import Store
from devin_data.sync import SyncOptions, SyncProgress, SyncReport
from devin_data.sync.exclusive import follow, running_progress, sync_exclusive
from devin_data.sync.extras import Extra, ExtrasReport, run_extras
from devin_data.sync.organizations import refresh_organizations
from devin_data.sync.people import refresh_people
from devin_data.sync.schedule import organizations_due
from devin_data.sync.spend import refresh_billing, refresh_consumption

__all__ = [
    "ExtrasReport",
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


def refresh_extras(ws: Workspace, now: datetime) -> ExtrasReport:
    """After a sync, once its sessions are committed: what is due beside them (names, teams and
    active users and organizations when a day old, billed ACUs once per sync), all at once on
    one client; the problems met, none of them fatal."""
    if ws.settings.api_version != "v3":
        return ExtrasReport()
    with ws.client() as client:
        return run_extras(client, due_extras(ws, client, now))


def due_extras(ws: Workspace, client: DevinClient, now: datetime) -> list[Extra]:
    """The extras the schedule finds due, each as work on ``client``."""
    store, extras = ws.store, list[Extra]()
    if people.due(ws, now):
        extras.append(("names, teams and active users", partial(_people, client, store, now)))
    if organizations_due(store, now):
        extras.append(("organizations", partial(_organizations, client, store, now)))
    if spend.due(ws):
        sync_id = store.sync_state().sync_id
        extras.append(("billed ACUs", partial(_spend, client, store, now, sync_id)))
    return extras


def _people(client: DevinClient, store: Store, now: datetime) -> tuple[str, ...]:
    return refresh_people(client, store, now=now).problems


def _organizations(client: DevinClient, store: Store, now: datetime) -> list[str]:
    refresh_organizations(client, store, now)
    return []


def _spend(client: DevinClient, store: Store, now: datetime, sync_id: str | None) -> list[str]:
    problems = refresh_consumption(client, store, now, sync_id).problems
    refresh_billing(client, store, now)
    return problems
