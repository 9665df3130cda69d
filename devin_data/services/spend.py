"""How Spend gets billed ACUs: :func:`refresh` asks the consumption endpoint for the
organization's billed days (incrementally, see :mod:`devin_data.sync.spend`) with the billing
cycles and ACU limits, and keeps them in the store. The app does so once per sync of the sessions
(:func:`due`, the schedule of :mod:`devin_data.sync.schedule`), ``devin-data sync`` right after
its sync, ``devin-data report`` before it writes; everything else reads what the store keeps
(the budget and the spend view: :mod:`devin_data.services.budget`).

No figure is computed here, so a command-line sync never loads pandas.
"""

from __future__ import annotations

from datetime import datetime

from devin_data.errors import DevinError
from devin_data.services.workspace import Workspace
from devin_data.sync.schedule import spend_due
from devin_data.sync.spend import refresh_billing, refresh_consumption, refresh_users


def last_sync_finished(ws: Workspace) -> float | None:
    """When the last sync of the sessions finished (epoch seconds), None before the first."""
    return ws.store.sync_state().finished_at


def due(ws: Workspace) -> bool:
    """Billed ACUs were never read, or read for another sync than the last one."""
    return spend_due(ws.store, ws.store.sync_state().sync_id)


def refresh(ws: Workspace, now: datetime) -> list[str]:
    """Bring the kept consumption, cycles and limits up to date for the last sync; the problems
    met (a missing permission is one). A failure to reach the API raises."""
    sync_id = ws.store.sync_state().sync_id  # read first: a sync that ends meanwhile is new
    with ws.client() as client:
        problems = refresh_consumption(client, ws.store, now, sync_id).problems
        refresh_billing(client, ws.store, now)
    return problems


def refreshed(ws: Workspace, now: datetime) -> list[str]:
    """:func:`refresh`, a failure to reach the API being one more problem (what is kept stays)."""
    try:
        return refresh(ws, now)
    except DevinError as err:
        return [f"Billed ACUs could not be refreshed: {err}"]


def refresh_people(ws: Workspace, users: tuple[str, ...], now: datetime) -> int:
    """Bring each user's kept billed days up to date; how many could not be read."""
    try:
        with ws.client() as client:
            result = refresh_users(client, ws.store, users, now)
    except DevinError:
        return len(users)
    return len(result.problems)
