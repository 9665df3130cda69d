"""When each thing kept beside the sessions is due again: the one schedule of the extras.

Names, teams and active users once a day (or on demand); the enterprise's organizations once a
day; billed ACUs, billing cycles and limits once per sync of the sessions. The app and
``devin-data sync`` ask these same rules (see :mod:`devin_data.services.syncing`), and every rule
reads what the store holds, so a process that finds another one (a scheduled sync, another
replica of a shared store) already did the work does not do it again.
"""

from __future__ import annotations

from datetime import datetime

from devin_data.store.spend import SpendStore
from devin_data.store.store import Store

PEOPLE_MAX_AGE = 86400.0  # members and metrics are refreshed at most once a day unless asked
ORGANIZATIONS_MAX_AGE = 86400.0  # the organizations of an enterprise change rarely


def people_due(store: Store, now: datetime, max_age: float = PEOPLE_MAX_AGE) -> bool:
    """True when nothing was fetched yet or the last fetch is older than ``max_age`` seconds."""
    fetched_at = store.people().get("fetched_at")
    return not isinstance(fetched_at, int | float) or now.timestamp() - fetched_at >= max_age


def organizations_due(store: Store, now: datetime) -> bool:
    """True when the enterprise's organizations were never listed, or a day ago or more."""
    at = store.organizations_fetched_at()
    return at is None or now.timestamp() - at >= ORGANIZATIONS_MAX_AGE


def spend_due(store: SpendStore, sync_id: str | None) -> bool:
    """True when billed ACUs were never read, or read for another sync than the last one (whose
    id is ``sync_id``): spend is refreshed once per sync, by whichever process gets there first.
    Marked by the sync's id, never by time: processes whose clocks differ agree on it."""
    status = store.spend_status()
    if not status.get("checked_at") and store.consumption_fetched_at() is None:
        return True
    return sync_id is not None and status.get("sync_id") != sync_id
